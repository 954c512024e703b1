using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.EndToEnd;

internal static class FeedPolling
{
    /// <summary>
    /// The agents flush their exporters on exit, in several requests; reads the feed until
    /// <paramref name="done"/> holds or 10 s have passed, and returns what is there.
    /// </summary>
    public static async Task<List<JsonObject>> WaitForAsync(TestWorkspace ws, Func<List<JsonObject>, bool> done)
    {
        var records = new List<JsonObject>();
        for (var i = 0; i < 40; i++)
        {
            records = await ws.Client().ReadAllRecordsAsync(ws.Id);
            if (done(records))
            {
                return records;
            }

            await Task.Delay(250);
        }

        return records;
    }
}
