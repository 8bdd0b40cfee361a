-- MySQL bootstrap, run by /docker-entrypoint-initdb.d
CREATE DATABASE IF NOT EXISTS shop CHARACTER SET utf8mb4;

CREATE USER IF NOT EXISTS 'shop'@'%' IDENTIFIED BY 'Fake0Mysql-Test-7wR4';
CREATE USER IF NOT EXISTS 'jeffrey'@'localhost' IDENTIFIED BY 'password';
ALTER USER 'legacy'@'%' IDENTIFIED WITH mysql_native_password BY 'FAKEmy9TEST4qLz';
CREATE USER 'replica'@'10.0.%' IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19';
GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%';

-- SQL Server equivalent kept for the migration to Azure SQL
-- CREATE LOGIN shop_web WITH PASSWORD = 'Fake4Sql8Test2Vb', CHECK_POLICY = ON;
-- CREATE LOGIN shop_admin WITH PASSWORD = '<enterStrongPasswordHere>';
-- CREATE LOGIN [CONTOSO\svc_shop] FROM WINDOWS;

CREATE TABLE customers (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  password_digest CHAR(60) NOT NULL,
  api_token_hash CHAR(64) NULL
);
