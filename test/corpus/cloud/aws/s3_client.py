"""S3 and Bedrock helpers. The literal credentials below are fake test values."""
import os

import boto3

# Preferred: let boto3 find credentials (IAM role, SSO, environment).
s3 = boto3.client("s3")

# Legacy path kept for an on-prem box (fake values)
legacy = boto3.client(
    "s3",
    aws_access_key_id="AKIAFAKETESTKEY2LQRW",
    aws_secret_access_key="TESTBtgRDbTEKmU5s25gBSGDYH5YgoVACgJqC5Un",
)

# Values read at runtime are not findings
from_env = boto3.client(
    "s3",
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
)

# Documented example from the AWS docs, used in a unit test
DOC_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
# An ETag / digest that happens to be 40 characters: no AWS context, not a finding
OBJECT_DIGEST = "8f3a9c1e5b2d8064fa0e6b1be392507be713607d"

BEDROCK_TEST_KEY = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUFGQUtFNVRFU1Q2Tk9UUkw3JTJGMjAzMDAxMDElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0"
PLACEHOLDER_BEDROCK_KEY = "bedrock-api-key-..."
