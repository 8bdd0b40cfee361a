import getpass
import psycopg2
from sqlalchemy import create_engine


def connect(host: str, user: str, password: str | None = None):
    password = password or getpass.getpass("Password: ")
    return psycopg2.connect(host=host, user=user, password=password, dbname="orders")


def reporting_engine():
    # TODO(ops-1234): move to the secret store
    return create_engine("postgresql+psycopg2://reporting:Fake7Pg0Test3Kw9@10.0.4.12/analytics")


def local_engine():
    return create_engine("postgresql://postgres:postgres@localhost/orders_test")


class User:
    password_hash: str
    api_token: str | None = None

    def set_password(self, raw_password: str) -> None:
        self.password_hash = hash_password(raw_password)
