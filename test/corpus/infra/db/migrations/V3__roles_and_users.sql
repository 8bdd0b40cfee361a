-- V3: application roles and the users table

-- PostgreSQL roles
CREATE ROLE reporting WITH LOGIN PASSWORD 'FAKEpg-TEST-9xQ2vL' VALID UNTIL '2030-01-01';
CREATE ROLE app_migrator LOGIN PASSWORD :'migrator_password';
ALTER ROLE app_rw WITH ENCRYPTED PASSWORD 'md53175bce1d3201d16594cebf9d7eb3f9d';
ALTER ROLE app_ro PASSWORD NULL;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;

CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    password_salt   TEXT,
    reset_token     TEXT,
    reset_token_expires_at TIMESTAMPTZ
);

COMMENT ON COLUMN users.password_hash IS 'bcrypt hash, never the password';

-- seed user for local development (password: "password", bcrypt cost 4)
INSERT INTO users (email, password_hash)
VALUES ('dev@orders.internal.test', '$2b$04$TESTfakeLEAKGUARDVXvkAszTQfGok.pGlrl7mV76UFeArxAzsu/3');
