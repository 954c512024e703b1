using System.Text;
using AgentLedger.Core.Gateway;

namespace AgentLedger.Core.Tests.Gateway;

public sealed class SseEventParserTests
{
    private const string Stream =
        "event: response.created\ndata: {\"a\":1}\n\n: keep-alive comment\n\nevent: delta\r\ndata: {\"b\":\r\ndata: 2}\r\n\r\ndata: [DONE]\r\r";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Feed_ChunksSplitAnywhere_ReportsTheSameEvents(int chunkSize)
    {
        var events = new List<(string? Name, string Data)>();
        var parser = new SseEventParser((name, data) => events.Add((name, data)));
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            parser.Feed(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        parser.Complete();

        Assert.Equal([("response.created", "{\"a\":1}"), ("delta", "{\"b\":\n2}"), (null, "[DONE]")], events);
    }

    [Fact]
    public void Complete_LastEventWithoutBlankLine_IsDispatched()
    {
        var events = new List<string>();
        var parser = new SseEventParser((_, data) => events.Add(data));

        parser.Feed("data: {\"x\":\"한국어\"}"u8);
        parser.Complete();

        Assert.Equal(["{\"x\":\"한국어\"}"], events);
    }
}
