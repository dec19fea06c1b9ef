# One contact center on Callgate, managed by the real hashicorp/aws provider (TerraformAcceptanceTest).
# var.suffix changes names, descriptions and hours in place.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

variable "endpoint" {}
variable "account" {}
variable "suffix" { default = "" }

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

resource "aws_connect_instance" "cc" {
  identity_management_type  = "CONNECT_MANAGED"
  inbound_calls_enabled     = true
  outbound_calls_enabled    = true
  instance_alias            = "tf-contact-center"
  contact_flow_logs_enabled = true
  multi_party_conference_enabled = var.suffix != ""
  tags                      = { team = "support" }
}
resource "aws_connect_hours_of_operation" "office" {
  instance_id = aws_connect_instance.cc.id
  name        = "Office hours${var.suffix}"
  description = "Weekdays"
  time_zone   = "EST"
  config {
    day = "MONDAY"
    start_time {
      hours   = 9
      minutes = 0
    }
    end_time {
      hours   = 17
      minutes = 30
    }
  }
  config {
    day = "TUESDAY"
    start_time {
      hours   = 9
      minutes = 0
    }
    end_time {
      hours   = var.suffix == "" ? 17 : 18
      minutes = 0
    }
  }
  tags = { team = "support" }
}
resource "aws_connect_queue" "sales" {
  instance_id           = aws_connect_instance.cc.id
  name                  = "Sales${var.suffix}"
  description           = "Sales queue"
  hours_of_operation_id = aws_connect_hours_of_operation.office.hours_of_operation_id
  max_contacts          = var.suffix == "" ? 10 : 20
  quick_connect_ids     = [aws_connect_quick_connect.phone.quick_connect_id]
  outbound_caller_config {
    outbound_caller_id_name = "Sales"
  }
  tags = { team = "sales" }
}
resource "aws_connect_quick_connect" "phone" {
  instance_id = aws_connect_instance.cc.id
  name        = "Head office${var.suffix}"
  description = "Transfer to head office"
  quick_connect_config {
    quick_connect_type = "PHONE_NUMBER"
    phone_config { phone_number = "+12065550100" }
  }
  tags = { team = "support" }
}
resource "aws_connect_routing_profile" "sales" {
  instance_id               = aws_connect_instance.cc.id
  name                      = "Sales agents${var.suffix}"
  description               = "Sales agents"
  default_outbound_queue_id = aws_connect_queue.sales.queue_id
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
    queue_id = aws_connect_queue.sales.queue_id
  }
  tags = { team = "sales" }
}
resource "aws_connect_security_profile" "supervisor" {
  instance_id = aws_connect_instance.cc.id
  name        = "Supervisor"
  description = "Supervisors${var.suffix}"
  permissions = ["BasicAgentAccess", "OutboundCallAccess"]
  tags        = { team = "support" }
}
resource "aws_connect_user_hierarchy_structure" "levels" {
  instance_id = aws_connect_instance.cc.id
  hierarchy_structure {
    level_one { name = "Region" }
    level_two { name = "Site" }
  }
}
resource "aws_connect_user_hierarchy_group" "americas" {
  instance_id = aws_connect_instance.cc.id
  name        = "Americas${var.suffix}"
  tags        = { team = "support" }
  depends_on  = [aws_connect_user_hierarchy_structure.levels]
}
resource "aws_connect_user_hierarchy_group" "seattle" {
  instance_id     = aws_connect_instance.cc.id
  name            = "Seattle${var.suffix}"
  parent_group_id = aws_connect_user_hierarchy_group.americas.hierarchy_group_id
  tags            = { team = "support" }
}
resource "aws_connect_user" "alice" {
  instance_id          = aws_connect_instance.cc.id
  name                 = "alice"
  password             = "Passw0rd1"
  routing_profile_id   = aws_connect_routing_profile.sales.routing_profile_id
  security_profile_ids = [aws_connect_security_profile.supervisor.security_profile_id]
  hierarchy_group_id   = aws_connect_user_hierarchy_group.seattle.hierarchy_group_id
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
resource "aws_connect_contact_flow" "inbound" {
  instance_id = aws_connect_instance.cc.id
  name        = "Inbound${var.suffix}"
  description = "Main inbound flow"
  type        = "CONTACT_FLOW"
  content = jsonencode({
    Version     = "2019-10-30"
    StartAction = "12345678-1234-1234-1234-123456789012"
    Actions = [{
      Identifier  = "12345678-1234-1234-1234-123456789012"
      Type        = "DisconnectParticipant"
      Parameters  = {}
      Transitions = {}
    }]
  })
  tags = { team = "support" }
}
resource "aws_connect_contact_flow_module" "greeting" {
  instance_id = aws_connect_instance.cc.id
  name        = "Greeting${var.suffix}"
  description = "Greeting module"
  content = jsonencode({
    Version     = "2019-10-30"
    StartAction = "12345678-1234-1234-1234-123456789012"
    Actions = [{
      Identifier  = "12345678-1234-1234-1234-123456789012"
      Type        = "DisconnectParticipant"
      Parameters  = {}
      Transitions = {}
    }]
    Settings = { InputParameters = [], OutputParameters = [], Transitions = [] }
  })
  tags = { team = "support" }
}
resource "aws_connect_phone_number" "main" {
  target_arn   = aws_connect_instance.cc.arn
  country_code = "US"
  type         = "DID"
  description  = "Main line"
  tags         = { team = "support" }
}
resource "aws_connect_lambda_function_association" "lookup" {
  instance_id  = aws_connect_instance.cc.id
  function_arn = "arn:aws:lambda:us-east-1:111122223333:function:customer-lookup"
}
resource "aws_connect_bot_association" "orders" {
  instance_id = aws_connect_instance.cc.id
  lex_bot {
    name       = "OrderBot"
    lex_region = "us-east-1"
  }
}
resource "aws_connect_vocabulary" "products" {
  instance_id   = aws_connect_instance.cc.id
  name          = "products"
  language_code = "en-US"
  content       = "Phrase\tIPA\tSoundsLike\tDisplayAs\nCallgate\t\t\tCallgate\n"
  tags          = { team = "support" }
}
resource "aws_connect_instance_storage_config" "transcripts" {
  instance_id   = aws_connect_instance.cc.id
  resource_type = "CHAT_TRANSCRIPTS"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = "callgate-transcripts"
      bucket_prefix = "chats"
    }
  }
}

data "aws_connect_instance" "cc" {
  instance_id = aws_connect_instance.cc.id
}
data "aws_connect_hours_of_operation" "office" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_hours_of_operation.office.name
}
data "aws_connect_queue" "sales" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_queue.sales.name
}
data "aws_connect_quick_connect" "phone" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_quick_connect.phone.name
}
data "aws_connect_routing_profile" "sales" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_routing_profile.sales.name
}
data "aws_connect_security_profile" "supervisor" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_security_profile.supervisor.name
}
data "aws_connect_user" "alice" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_user.alice.name
}
data "aws_connect_user_hierarchy_group" "seattle" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_user_hierarchy_group.seattle.name
}
data "aws_connect_user_hierarchy_structure" "levels" {
  instance_id = aws_connect_user_hierarchy_structure.levels.instance_id
}
data "aws_connect_contact_flow" "inbound" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_contact_flow.inbound.name
}
data "aws_connect_contact_flow_module" "greeting" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_contact_flow_module.greeting.name
}
data "aws_connect_vocabulary" "products" {
  instance_id = aws_connect_instance.cc.id
  name        = aws_connect_vocabulary.products.name
}
data "aws_connect_lambda_function_association" "lookup" {
  instance_id  = aws_connect_instance.cc.id
  function_arn = aws_connect_lambda_function_association.lookup.function_arn
}
data "aws_connect_bot_association" "orders" {
  instance_id = aws_connect_instance.cc.id
  lex_bot {
    name       = aws_connect_bot_association.orders.lex_bot[0].name
    lex_region = "us-east-1"
  }
}
data "aws_connect_instance_storage_config" "transcripts" {
  instance_id    = aws_connect_instance.cc.id
  association_id = aws_connect_instance_storage_config.transcripts.association_id
  resource_type  = "CHAT_TRANSCRIPTS"
}

output "ids" {
  value = {
    instance         = aws_connect_instance.cc.id
    hours            = aws_connect_hours_of_operation.office.hours_of_operation_id
    queue            = aws_connect_queue.sales.queue_id
    quick_connect    = aws_connect_quick_connect.phone.quick_connect_id
    routing_profile  = aws_connect_routing_profile.sales.routing_profile_id
    security_profile = aws_connect_security_profile.supervisor.security_profile_id
    group            = aws_connect_user_hierarchy_group.seattle.hierarchy_group_id
    user             = aws_connect_user.alice.user_id
  }
}
output "read_back" {
  value = {
    instance_alias = data.aws_connect_instance.cc.instance_alias
    hours_zone     = data.aws_connect_hours_of_operation.office.time_zone
    queue_max      = data.aws_connect_queue.sales.max_contacts
    quick_connect  = data.aws_connect_quick_connect.phone.quick_connect_config[0].quick_connect_type
    profile        = data.aws_connect_routing_profile.sales.default_outbound_queue_id
    permissions    = join(",", sort(data.aws_connect_security_profile.supervisor.permissions))
    user_profile   = data.aws_connect_user.alice.routing_profile_id
    group_level    = data.aws_connect_user_hierarchy_group.seattle.level_id
    level_two      = data.aws_connect_user_hierarchy_structure.levels.hierarchy_structure[0].level_two[0].name
    flow_type      = data.aws_connect_contact_flow.inbound.type
    module_state   = data.aws_connect_contact_flow_module.greeting.state
    vocabulary     = data.aws_connect_vocabulary.products.state
    lambda         = data.aws_connect_lambda_function_association.lookup.function_arn
    bot            = data.aws_connect_bot_association.orders.lex_bot[0].name
    storage        = data.aws_connect_instance_storage_config.transcripts.storage_config[0].s3_config[0].bucket_name
  }
}
