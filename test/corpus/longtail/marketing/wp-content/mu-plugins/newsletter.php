<?php
// Newsletter and tracking keys (fake values for tests)
define('ACME_NEWSLETTER_LIST', 'weekly');
define('CONVERTKIT_API_SECRET', 'FAKE_test-NOTREALKgxiSho8ZomOnI4cSkXYXJHdbE');
define('GETRESPONSE_API_KEY', 'faketest67qe1whuoc0x2hi4624qnxiv');
define('GETRESPONSE_API_KEY_STAGING', getenv('GETRESPONSE_API_KEY'));
define('OMNISEND_API_KEY', 'c9e0c44e091317a6ac4dd2bf-FAKEtestNOTREALDDzKJMqtpvqLeYSgqwwZxxBrD03G2MWt0ID');
define('OMNISEND_API_KEY_STAGING', getenv('OMNISEND_API_KEY'));
define('REBRANDLY_API_KEY', 'ba1f3f4431c0a975e05cdc9e959b8f4c');
define('REBRANDLY_API_KEY_STAGING', getenv('REBRANDLY_API_KEY'));
define('SIMILARWEB_API_KEY', '6e7aca9610d7978051164ad006987de2');
define('SIMILARWEB_API_KEY_STAGING', getenv('SIMILARWEB_API_KEY'));
