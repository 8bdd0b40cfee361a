terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

# Test fixture: static keys in the provider block (never do this for real)
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIATESTCF5MFPYNXB3S"
  secret_key = "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"
}

provider "aws" {
  alias   = "prod"
  region  = "us-east-1"
  profile = "prod"
  assume_role {
    role_arn = "arn:aws:iam::918273645091:role/terraform"
  }
}

variable "aws_secret_key" {
  type      = string
  sensitive = true
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

output "ci_secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
