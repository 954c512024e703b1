using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests.Records;

public sealed class AttributesJsonTests
{
    [Fact]
    public void Write_IsTheUtf8OfToJsonString_EscapesIncluded()
    {
        var attributes = Attributes("say \"hi\"\n<tag> & café 🚀");

        Assert.Equal(attributes.ToJsonString(), Encoding.UTF8.GetString(AttributesJson.Write(attributes).Span));
    }

    [Fact]
    public void Encode_ThenTryTake_GivesTheBytesOnce()
    {
        var record = Record(Attributes("one"));

        AttributesJson.Encode([record]);

        Assert.True(AttributesJson.TryTake(record.Attributes!, out var utf8));
        Assert.Equal(record.Attributes!.ToJsonString(), Encoding.UTF8.GetString(utf8));
        Assert.False(AttributesJson.TryTake(record.Attributes!, out _));
    }

    [Fact]
    public void TryTake_AttributesNeverEncoded_FindsNothing()
    {
        Assert.False(AttributesJson.TryTake(Attributes("never"), out _));
    }

    [Fact]
    public void Encode_SameObjectChangedAndEncodedAgain_TakesTheNewBytes()
    {
        var record = Record(Attributes("before"));
        AttributesJson.Encode([record]);

        record.Attributes!["text"] = "after";
        AttributesJson.Encode([record]);

        Assert.True(AttributesJson.TryTake(record.Attributes!, out var utf8));
        Assert.Contains("after", Encoding.UTF8.GetString(utf8), StringComparison.Ordinal);
    }

    private static JsonObject Attributes(string text) => new() { ["text"] = text, ["n"] = 3, ["nested"] = new JsonObject { ["list"] = new JsonArray(1, "two") } };

    private static ActivityRecord Record(JsonObject attributes) => new()
    {
        Id = "r", WorkspaceId = "w", EventId = "e", OccurredAt = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch,
        Source = RecordSource.NativeEvent, Kind = RecordKind.UserPrompt, Actor = new ActorIdentity(), Agent = Agent.Codex, ClientId = ClientId.CodexCli,
        Attributes = attributes,
    };
}
