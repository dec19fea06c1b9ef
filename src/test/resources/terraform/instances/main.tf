# Six instances where the account may have five (TerraformAcceptanceTest): the sixth is refused.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {}
variable "account" {}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = var.account
  secret_key                  = "callgate"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints { connect = var.endpoint }
}

resource "aws_connect_instance" "many" {
  count                    = 6
  identity_management_type = "CONNECT_MANAGED"
  inbound_calls_enabled    = true
  outbound_calls_enabled   = true
  instance_alias           = "tf-many-${count.index}"
}
