"""Upload build artifacts to Alibaba OSS and Tencent COS. Credentials are fake corpus values."""
import os

import oss2
from qcloud_cos import CosConfig, CosS3Client
from tencentcloud.common import credential

# --- Alibaba Cloud -------------------------------------------------------------
auth = oss2.Auth("LTAIFAKEOEoShrxdUNJ5", "FAKEqDHy8GO6m1ASrNJtAcRerNtHAR")
bucket = oss2.Bucket(auth, "https://oss-cn-hangzhou.aliyuncs.com", "fake-artifacts-604829")

# Masked in the console screenshot we copied: not a finding
MASKED_ID = "LTAI****************"
env_auth = oss2.Auth(os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"], os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"])

# --- Tencent Cloud -------------------------------------------------------------
cred = credential.Credential("AKIDTESTQ2CsWyLhI308xTbLsfR7cBvA1Sx0", "TESTixo4alG5hxMUtRqgHqLn2Fi0jHhX")
cos = CosS3Client(CosConfig(Region="ap-guangzhou", SecretId=os.getenv("COS_SECRET_ID"), SecretKey=os.getenv("COS_SECRET_KEY")))

# Documentation's masked sample pair
DOC_SECRET_ID = "AKID****J5yKBZQpn74WFkmLPx3gnPhESA"
DOC_SECRET_KEY = "Gu5t****pq86cd98joQYCN3Cozk1qA"
