// A tour of Callgate with the AWS SDK for JavaScript v3 (run by JavaScriptSdkAcceptanceTest):
// creates, updates, lists page by page, searches, and one refusal of each error family, each
// checked here. Prints one JSON line of what it saw; exits non-zero at the first surprise.
// Usage: node tour.mjs <endpoint> <account>
import assert from "node:assert/strict";
import * as c from "@aws-sdk/client-connect";

const [endpoint, account] = process.argv.slice(2);
const connect = new c.ConnectClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: account, secretAccessKey: "callgate" },
  maxAttempts: 1,
});
const send = (Command, input) => connect.send(new Command(input));
const seen = { refused: {} };

/** Runs a call that must fail with `code`; records its HTTP status. */
async function refused(code, Command, input) {
  try {
    await send(Command, input);
  } catch (error) {
    assert.equal(error.name, code, `${Command.name}: ${error.message}`);
    seen.refused[code] = { status: error.$metadata.httpStatusCode, message: error.message };
    return;
  }
  assert.fail(`${Command.name} should have been refused with ${code}`);
}

async function all(paginate, input, key) {
  const items = [];
  let pages = 0;
  for await (const page of paginate({ client: connect, pageSize: 2 }, input)) {
    pages++;
    items.push(...page[key]);
  }
  return { items, pages };
}

const { Id: InstanceId } = await send(c.CreateInstanceCommand, {
  IdentityManagementType: "CONNECT_MANAGED", InstanceAlias: "js-tour", InboundCallsEnabled: true, OutboundCallsEnabled: true,
});
const day = (Day) => ({ Day, StartTime: { Hours: 9, Minutes: 0 }, EndTime: { Hours: 17, Minutes: 0 } });
const { HoursOfOperationId } = await send(c.CreateHoursOfOperationCommand, {
  InstanceId, Name: "Office", TimeZone: "EST", Config: [day("MONDAY"), day("TUESDAY")],
});
const { QueueId } = await send(c.CreateQueueCommand, { InstanceId, Name: "Sales", HoursOfOperationId, MaxContacts: 5 });
const { QuickConnectId } = await send(c.CreateQuickConnectCommand, {
  InstanceId, Name: "Head office", QuickConnectConfig: { QuickConnectType: "PHONE_NUMBER", PhoneConfig: { PhoneNumber: "+12065550100" } },
});
await send(c.AssociateQueueQuickConnectsCommand, { InstanceId, QueueId, QuickConnectIds: [QuickConnectId] });
const { RoutingProfileId } = await send(c.CreateRoutingProfileCommand, {
  InstanceId, Name: "Sales agents", Description: "Sales", DefaultOutboundQueueId: QueueId,
  MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 1 }],
  QueueConfigs: [{ QueueReference: { QueueId, Channel: "VOICE" }, Priority: 1, Delay: 0 }],
});
const { SecurityProfileId } = await send(c.CreateSecurityProfileCommand, {
  InstanceId, SecurityProfileName: "Supervisor", Permissions: ["BasicAgentAccess"],
});
await send(c.UpdateUserHierarchyStructureCommand, { InstanceId, HierarchyStructure: { LevelOne: { Name: "Region" } } });
const { HierarchyGroupId } = await send(c.CreateUserHierarchyGroupCommand, { InstanceId, Name: "Americas" });
const { UserId } = await send(c.CreateUserCommand, {
  InstanceId, Username: "alice", Password: "Passw0rd1", RoutingProfileId, SecurityProfileIds: [SecurityProfileId],
  HierarchyGroupId, PhoneConfig: { PhoneType: "SOFT_PHONE" }, IdentityInfo: { FirstName: "Alice", LastName: "Doe" },
});
const content = JSON.stringify({ Version: "2019-10-30", StartAction: "a", Actions: [] });
const { ContactFlowId } = await send(c.CreateContactFlowCommand, { InstanceId, Name: "Inbound", Type: "CONTACT_FLOW", Content: content });
const { Id: ModuleId } = await send(c.CreateContactFlowModuleCommand, { InstanceId, Name: "Greeting", Content: content });
const { VocabularyId } = await send(c.CreateVocabularyCommand, {
  InstanceId, VocabularyName: "products", LanguageCode: "en-US", Content: "Phrase\tDisplayAs\nCallgate\tCallgate\n",
});

// Updates, each read back.
await send(c.UpdateQueueNameCommand, { InstanceId, QueueId, Name: "Sales EMEA", Description: "Sales in EMEA" });
await send(c.UpdateQueueMaxContactsCommand, { InstanceId, QueueId, MaxContacts: 9 });
await send(c.UpdateQueueStatusCommand, { InstanceId, QueueId, Status: "DISABLED" });
const { Queue } = await send(c.DescribeQueueCommand, { InstanceId, QueueId });
assert.deepEqual([Queue.Name, Queue.Description, Queue.MaxContacts, Queue.Status], ["Sales EMEA", "Sales in EMEA", 9, "DISABLED"]);
await send(c.UpdateHoursOfOperationCommand, { InstanceId, HoursOfOperationId, Name: "Office (US)", TimeZone: "US/Eastern" });
const { HoursOfOperation } = await send(c.DescribeHoursOfOperationCommand, { InstanceId, HoursOfOperationId });
assert.deepEqual([HoursOfOperation.Name, HoursOfOperation.TimeZone], ["Office (US)", "US/Eastern"]);
await send(c.UpdateRoutingProfileNameCommand, { InstanceId, RoutingProfileId, Name: "Sales agents EMEA" });
await send(c.UpdateRoutingProfileConcurrencyCommand, {
  InstanceId, RoutingProfileId, MediaConcurrencies: [{ Channel: "VOICE", Concurrency: 1 }, { Channel: "CHAT", Concurrency: 2 }],
});
const { RoutingProfile } = await send(c.DescribeRoutingProfileCommand, { InstanceId, RoutingProfileId });
assert.equal(RoutingProfile.Name, "Sales agents EMEA");
assert.equal(RoutingProfile.MediaConcurrencies.length, 2);
await send(c.UpdateUserIdentityInfoCommand, { InstanceId, UserId, IdentityInfo: { FirstName: "Alice", LastName: "Smith" } });
const { User } = await send(c.DescribeUserCommand, { InstanceId, UserId });
assert.equal(User.IdentityInfo.LastName, "Smith");
await send(c.UpdateContactFlowNameCommand, { InstanceId, ContactFlowId, Name: "Inbound v2" });
await send(c.UpdateContactFlowModuleMetadataCommand, { InstanceId, ContactFlowModuleId: ModuleId, Description: "Says hello" });
await send(c.UpdateQuickConnectNameCommand, { InstanceId, QuickConnectId, Name: "Head office (HQ)" });
await send(c.UpdateUserHierarchyGroupNameCommand, { InstanceId, HierarchyGroupId, Name: "The Americas" });
await send(c.UpdateSecurityProfileCommand, { InstanceId, SecurityProfileId, Permissions: ["BasicAgentAccess", "OutboundCallAccess"] });
const { Permissions } = await send(c.ListSecurityProfilePermissionsCommand, { InstanceId, SecurityProfileId });
assert.deepEqual(Permissions, ["BasicAgentAccess", "OutboundCallAccess"]);
await send(c.UpdateInstanceAttributeCommand, { InstanceId, AttributeType: "CONTACTFLOW_LOGS", Value: "true" });
const { Attribute } = await send(c.DescribeInstanceAttributeCommand, { InstanceId, AttributeType: "CONTACTFLOW_LOGS" });
assert.equal(Attribute.Value, "true");
seen.updated = 14;

// Lists, two items a page.
for (const name of ["Support", "Billing", "Returns", "Loyalty"]) {
  await send(c.CreateQueueCommand, { InstanceId, Name: name, HoursOfOperationId });
}
const queues = await all(c.paginateListQueues, { InstanceId, QueueTypes: ["STANDARD"] }, "QueueSummaryList");
const profiles = await all(c.paginateListSecurityProfiles, { InstanceId }, "SecurityProfileSummaryList");
const users = await all(c.paginateListUsers, { InstanceId }, "UserSummaryList");
seen.listed = {
  queues: [queues.items.length, queues.pages], securityProfiles: [profiles.items.length, profiles.pages],
  users: [users.items.length, users.pages],
};
const found = await send(c.SearchQueuesCommand, {
  InstanceId, SearchCriteria: { StringCondition: { FieldName: "name", Value: "sales", ComparisonType: "STARTS_WITH" } },
});
seen.searched = found.Queues.map((q) => q.Name);
assert.equal((await send(c.DescribeVocabularyCommand, { InstanceId, VocabularyId })).Vocabulary.State, "ACTIVE");

// One refusal of each error family.
await refused("ResourceNotFoundException", c.DescribeQueueCommand, { InstanceId, QueueId: "no-such-queue" });
await refused("DuplicateResourceException", c.UpdateQueueNameCommand, { InstanceId, QueueId, Name: "Support" });
await refused("InvalidParameterException", c.UpdateHoursOfOperationCommand, { InstanceId, HoursOfOperationId, TimeZone: "Mars/Olympus" });
await refused("InvalidRequestException", c.CreateInstanceCommand, {
  IdentityManagementType: "CONNECT_MANAGED", InboundCallsEnabled: true, OutboundCallsEnabled: true,
});
await refused("ResourceInUseException", c.DeleteHoursOfOperationCommand, { InstanceId, HoursOfOperationId });
await refused("InvalidContactFlowException", c.UpdateContactFlowContentCommand, { InstanceId, ContactFlowId, Content: "not json" });
await refused("InvalidContactFlowModuleException", c.UpdateContactFlowModuleContentCommand, {
  InstanceId, ContactFlowModuleId: ModuleId, Content: "[]",
});
await refused("LimitExceededException", c.CreateQueueCommand, { InstanceId, Name: "One too many", HoursOfOperationId });
const lambda = (n) => `arn:aws:lambda:us-east-1:${account}:function:f${n}`;
await send(c.AssociateLambdaFunctionCommand, { InstanceId, FunctionArn: lambda(1) });
await refused("ResourceConflictException", c.AssociateLambdaFunctionCommand, { InstanceId, FunctionArn: lambda(1) });
for (const n of [2, 3]) {
  await send(c.AssociateLambdaFunctionCommand, { InstanceId, FunctionArn: lambda(n) });
}
await refused("ServiceQuotaExceededException", c.AssociateLambdaFunctionCommand, { InstanceId, FunctionArn: lambda(4) });

console.log(JSON.stringify(seen));
