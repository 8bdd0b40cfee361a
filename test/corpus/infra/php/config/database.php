<?php

return [
    'default' => env('DB_CONNECTION', 'mysql'),
    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'username' => env('DB_USERNAME', 'forge'),
            'password' => env('DB_PASSWORD', ''),
        ],
        'legacy' => [
            'driver' => 'sqlsrv',
            'url' => 'sqlserver://report_ro:FAKE0mssql-TEST-6pR2@sql.internal:1433?database=reports',
        ],
    ],
    'rules' => [
        'password' => 'required|string|min:12|confirmed',
        'password_confirmation' => 'required',
    ],
];
