# Part of the contact center, imported into a fresh state (TerraformAcceptanceTest): the import
# must read back exactly this configuration, so the apply that imports changes nothing.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {}
variable "account" {}
variable "suffix" {}
variable "ids" { type = map(string) }

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

import {
  to = aws_connect_instance.cc
  id = var.ids["instance"]
}
import {
  to = aws_connect_queue.sales
  id = "${var.ids["instance"]}:${var.ids["queue"]}"
}
import {
  to = aws_connect_routing_profile.sales
  id = "${var.ids["instance"]}:${var.ids["routing_profile"]}"
}
import {
  to = aws_connect_user.alice
  id = "${var.ids["instance"]}:${var.ids["user"]}"
}

resource "aws_connect_instance" "cc" {
  identity_management_type       = "CONNECT_MANAGED"
  inbound_calls_enabled          = true
  outbound_calls_enabled         = true
  instance_alias                 = "tf-contact-center"
  contact_flow_logs_enabled      = true
  multi_party_conference_enabled = true
  tags                           = { team = "support" }
}
resource "aws_connect_queue" "sales" {
  instance_id           = var.ids["instance"]
  name                  = "Sales${var.suffix}"
  description           = "Sales queue"
  hours_of_operation_id = var.ids["hours"]
  max_contacts          = 20
  quick_connect_ids     = [var.ids["quick_connect"]]
  outbound_caller_config {
    outbound_caller_id_name = "Sales"
  }
  tags = { team = "sales" }
}
resource "aws_connect_routing_profile" "sales" {
  instance_id               = var.ids["instance"]
  name                      = "Sales agents${var.suffix}"
  description               = "Sales agents"
  default_outbound_queue_id = var.ids["queue"]
  media_concurrencies {
    channel     = "VOICE"
    concurrency = 1
  }
  media_concurrencies {
    channel     = "CHAT"
    concurrency = 3
  }
  queue_configs {
    channel  = "VOICE"
    delay    = 0
    priority = 1
    queue_id = var.ids["queue"]
  }
  tags = { team = "sales" }
}
resource "aws_connect_user" "alice" {
  instance_id          = var.ids["instance"]
  name                 = "alice"
  routing_profile_id   = var.ids["routing_profile"]
  security_profile_ids = [var.ids["security_profile"]]
  hierarchy_group_id   = var.ids["group"]
  identity_info {
    first_name = "Alice"
    last_name  = "Doe${var.suffix}"
    email      = "alice@example.com"
  }
  phone_config {
    after_contact_work_time_limit = 0
    phone_type                    = "SOFT_PHONE"
  }
  tags = { team = "sales" }
}
