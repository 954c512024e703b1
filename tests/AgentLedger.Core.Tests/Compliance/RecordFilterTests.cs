using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Compliance;

public sealed class RecordFilterTests
{
    [Fact]
    public void FoldAscii_LowersAsciiLettersOnly() => Assert.Equal("abc-ÄÖ-é-xyz", RecordFilter.FoldAscii("ABC-ÄÖ-é-XYZ"));

    [Theory]
    [InlineData("TIMELINE", true)]
    [InlineData("refactored TIMELINE.tsx", true)]
    [InlineData("timeline.jsx", false)]
    public void Matches_Text_InPromptOrResponse(string text, bool expected) =>
        Assert.Equal(expected, new RecordFilter { Text = text }.Matches(TestRecords.Response(), _ => null));

    [Fact]
    public void Matches_EveryConditionMustHold()
    {
        var record = TestRecords.Response();
        var filter = new RecordFilter
        {
            StartTime = TestRecords.At, EndTime = TestRecords.At.AddSeconds(1), Agents = [Agent.Codex], Kinds = [RecordKind.ModelResponse],
            UserEmails = ["user@example.org"], SessionIds = ["session-123"], Models = ["gpt-5.1-codex-max"],
        };

        Assert.True(filter.Matches(record, _ => "user@example.org"));
        Assert.False(filter.Matches(record, _ => "other@example.org"));
        Assert.False((filter with { EndTime = TestRecords.At }).Matches(record, _ => "user@example.org"));
        Assert.False((filter with { Surfaces = [Surface.Ide] }).Matches(record, _ => "user@example.org"));
        Assert.False((filter with { Teams = ["platform"] }).Matches(record, _ => "user@example.org"));
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryCondition()
    {
        var filter = new RecordFilter
        {
            StartTime = TestRecords.At, EndTime = TestRecords.At.AddDays(1), UserIds = ["u1"], UserEmails = ["a@b.c"], Teams = ["t"],
            Agents = [Agent.GeminiCli], Surfaces = [Surface.Cloud], ClientIds = [ClientId.CodexWeb], Models = ["m"], Kinds = [RecordKind.ToolResult],
            SessionIds = ["s"], Text = "needle",
        };

        var json = RecordFilterJson.ToJson(filter);
        var back = RecordFilterJson.FromJson(json);

        Assert.Equal(json.ToJsonString(), RecordFilterJson.ToJson(back).ToJsonString());
        Assert.Equal("""{"start_time":"2026-07-09T10:08:44.000000Z","end_time":"2026-07-10T10:08:44.000000Z","user_ids":["u1"],"user_emails":["a@b.c"],"teams":["t"],"agents":["gemini_cli"],"surfaces":["cloud"],"client_ids":["CODEX_WEB"],"models":["m"],"kinds":["tool.result"],"session_ids":["s"],"text":"needle"}""",
            json.ToJsonString());
        Assert.Equal("{}", RecordFilterJson.ToJson(RecordFilter.None).ToJsonString());
    }
}
