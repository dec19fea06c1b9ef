# One instance and a raise of the account's instance quota through Service Quotas
# (ServiceQuotaTerraformTest). The provider's aws_servicequotas_service_quota has no context
# (per-instance) argument, so the raised quota is the account-level one.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {}
variable "account" {}
variable "instances" { default = 6 }

provider "aws" {
  region                      = "us-east-1"
  access_key                  = var.account
  secret_key                  = "callgate"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    connect       = var.endpoint
    servicequotas = var.endpoint
  }
}

resource "aws_connect_instance" "first" {
  identity_management_type = "CONNECT_MANAGED"
  inbound_calls_enabled    = true
  outbound_calls_enabled   = true
  instance_alias           = "tf-quota-first"
}

resource "aws_servicequotas_service_quota" "instances" {
  service_code = "connect"
  quota_code   = "L-AA17A6B9"
  value        = var.instances
}

output "quota_value" { value = aws_servicequotas_service_quota.instances.value }
