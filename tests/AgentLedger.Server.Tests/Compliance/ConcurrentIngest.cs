using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Ingest that runs while a collector reads: several senders post batches of prompts, responses and tool results
/// from several users and agents, some of them late (occurred hours before the others), with pauses in between.
/// </summary>
public sealed class ConcurrentIngest
{
    private readonly List<string> _sent = [];

    public IReadOnlyList<string> SentEventIds
    {
        get
        {
            lock (_sent)
            {
                return _sent.ToList();
            }
        }
    }

    public Task RunAsync(TestWorkspace ws, int senders, int batchesPerSender, int perBatch) =>
        RunAsync(_ => ws.Client(), senders, batchesPerSender, perBatch);

    /// <param name="clientFor">The client of each sender (by number), e.g. of different instances.</param>
    public Task RunAsync(Func<int, HttpClient> clientFor, int senders, int batchesPerSender, int perBatch) =>
        Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            using var client = clientFor(s);
            for (var b = 0; b < batchesPerSender; b++)
            {
                var batch = Enumerable.Range(0, perBatch).Select(i => Event(s, b, i)).ToArray();
                await (await client.PostEventsAsync(EventBuilder.Batch(batch))).EnsureSuccessStatusCode().ReadJsonAsync();
                lock (_sent)
                {
                    _sent.AddRange(batch.Select(e => e.EventId));
                }

                await Task.Delay(15 + (s * 7));
            }
        })));

    private static EventBuilder Event(int sender, int batch, int i)
    {
        var kinds = new[] { "user.prompt", "model.response", "tool.result" };
        var late = (batch + i) % 9 == 0;
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddMinutes(batch).AddSeconds(i).AddHours(late ? -30 : 0);
        return EventBuilder.Of(kinds[(batch + i) % 3])
            .At(at)
            .User($"dev{(sender + i) % 4}@example.com")
            .Client(sender % 2 == 0 ? "CODEX_CLI" : "CLAUDE_CODE_CLI", sender % 2 == 0 ? "codex" : "claude_code")
            .Session($"s-{sender}-{batch / 3}")
            .Model("gpt-5-codex")
            .Tokens(100 + i, 10, 20)
            .Prompt($"prompt {sender}/{batch}/{i}");
    }
}
