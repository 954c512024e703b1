using System.Buffers;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Tests.Compliance.Ocsf;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// OCSF output checked against the OCSF schema's own JSON sources (a trimmed copy of ocsf/ocsf-schema 1.9.0-dev under
/// Fixtures/ocsf, Apache-2.0): required attributes, enums, profiles, type_uid arithmetic.
/// </summary>
public sealed class OcsfSchemaTests
{
    public const string ApiActivity = "events/application/api_activity.json";
    private static readonly ProductInfo Product = ProductInfo.AgentLedger("1.2.3");

    public static OcsfSchema Schema { get; } = new(RepositoryRoot.Path("tests", "AgentLedger.Server.Tests", "Fixtures", "ocsf"));

    public static TheoryData<RecordKind, bool> Kinds => ComplianceRecords.EveryKindFullAndBare();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Format_RecordOfEveryKind_ValidApiActivity(RecordKind kind, bool full)
    {
        var e = Format(ComplianceRecords.Of(kind, full));

        Assert.Empty(new OcsfValidator(Schema).Validate(e, ApiActivity));
        Assert.Equal(6003, (int)e["class_uid"]!);
        Assert.Equal((6003 * 100) + (int)e["activity_id"]!, (long)e["type_uid"]!);
        Assert.Equal(ComplianceRecords.At.ToUnixTimeMilliseconds(), (long)e["time"]!);
        Assert.Contains("ai_operation", e["metadata"]!["profiles"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public void Format_FullPrompt_CarriesTextTokensModelAndIdentity()
    {
        var record = ComplianceRecords.Of(RecordKind.ModelResponse, full: true);

        var e = Format(record);

        Assert.Equal(record.PromptText, (string?)e["message_context"]!["prompt_text"]);
        Assert.Equal(record.ResponseText, (string?)e["message_context"]!["response_text"]);
        Assert.Equal((1200, 350, 1550), ((int)e["message_context"]!["prompt_tokens"]!, (int)e["message_context"]!["completion_tokens"]!,
            (int)e["message_context"]!["total_tokens"]!));
        Assert.Equal(("claude-sonnet-4-5", "Anthropic"), ((string?)e["ai_agent"]!["ai_model"]!["name"], (string?)e["ai_agent"]!["ai_model"]!["ai_provider"]));
        Assert.Equal(("user-0001", "ana@example.com"), ((string?)e["actor"]!["user"]!["uid"], (string?)e["actor"]!["user"]!["email_addr"]));
        Assert.Equal(record.Id, (string?)e["metadata"]!["uid"]);
        Assert.Equal(record.EventId, (string?)e["metadata"]!["original_event_uid"]);
        Assert.Equal("ws-ocsf", (string?)e["metadata"]!["tenant_uid"]);
        Assert.Equal(7, (long)e["metadata"]!["sequence"]!);
        Assert.Equal("10.1.2.3", (string?)e["src_endpoint"]!["ip"]);
    }

    public static TheoryData<string> Breakages => new(BrokenEvents().Keys);

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Validator_BrokenEvent_ReportsTheViolation(string breakage)
    {
        var (mutate, expected) = BrokenEvents()[breakage];
        var e = Format(ComplianceRecords.Of(RecordKind.UserPrompt, full: true));
        mutate(e);

        var errors = new OcsfValidator(Schema).Validate(e, ApiActivity);

        Assert.Contains(errors, error => error.Contains(expected, StringComparison.Ordinal));
    }

    public static JsonObject Format(ActivityRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        OcsfApiActivityFormatter.WriteLine(buffer, record, Product);
        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static Dictionary<string, (Action<JsonObject> Mutate, string Expected)> BrokenEvents() => new()
    {
        ["type_uid not class_uid*100+activity_id"] = (e => e["type_uid"] = 600302, "$.type_uid"),
        ["wrong class_uid"] = (e => e["class_uid"] = 6002, "$.class_uid"),
        ["severity_id outside its enum"] = (e => e["severity_id"] = 42, "$.severity_id: 42"),
        ["activity_id outside its enum"] = (e => e["activity_id"] = 7, "$.activity_id: 7"),
        ["required attribute missing"] = (e => e["api"]!.AsObject().Remove("operation"), "$.api.operation: required"),
        ["required top-level missing"] = (e => e.Remove("src_endpoint"), "$.src_endpoint: required"),
        ["unknown attribute"] = (e => e["prompt"] = "x", "$.prompt: api_activity has no such attribute"),
        ["unknown nested attribute"] = (e => e["actor"]!["user"]!["mail"] = "x", "$.actor.user.mail"),
        ["profile attribute without the profile"] = (e => e["metadata"]!["profiles"] = new JsonArray(), "profile 'ai_operation'"),
        ["sibling caption mismatch"] = (e => e["severity"] = "High", "$.severity_id: its sibling severity"),
        ["wrong JSON type"] = (e => e["time"] = "2026-11-20", "$.time: is not a valid timestamp_t"),
        ["at_least_one unmet"] = (e => e["src_endpoint"] = new JsonObject(), "needs at least one of ip"),
        ["enum in nested object"] = (e => e["message_context"]!["ai_role_id"] = 12, "$.message_context.ai_role_id: 12"),
        ["other schema version"] = (e => e["metadata"]!["version"] = "1.3.0", "$.metadata.version"),
    };
}
