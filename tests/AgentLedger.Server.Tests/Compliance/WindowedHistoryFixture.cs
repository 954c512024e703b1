using AgentLedger.Core.Ingestion;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// A server holding one workspace whose history spans several of the compliance scan's 50,000-seq windows
/// (<see cref="Records"/> records, one every 10 s from <see cref="T0"/>), written once through the server's own record
/// writer. Some records arrive late: every 1,000th occurs within the first hours (<see cref="EarlyWindow"/>), and every
/// 1,000th from seq 107,500 on occurs inside <see cref="LateWindow"/>, after that window's on-time records.
/// Log sealing is off, so that nothing but the test reads the records.
/// </summary>
public sealed class WindowedHistoryFixture : ServerFixture
{
    public const int Records = 110_000;

    public static readonly DateTimeOffset T0 = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Late in the history: the on-time records of seq 101,000 to 105,999 and the late ones of seq 107,500 on.</summary>
    public static readonly (DateTimeOffset Start, DateTimeOffset End) LateWindow = (At(101_000), At(106_000));

    /// <summary>The first hours: the on-time records of seq 360 to 2,879 and a late one every 1,000 seqs, to the last.</summary>
    public static readonly (DateTimeOffset Start, DateTimeOffset End) EarlyWindow = (T0.AddHours(1), T0.AddHours(8));

    private readonly SemaphoreSlim _loading = new(1, 1);
    private TestWorkspace? _workspace;

    protected override IEnumerable<string> ExtraArgs => ["--Compliance:Logs:SealingEnabled=false", "--Compliance:Exports:PollInterval=00:00:00.200"];

    /// <summary>When record <paramref name="seq"/> occurs.</summary>
    public static DateTimeOffset OccurredAt(long seq) => seq switch
    {
        _ when seq % 1000 == 0 => T0.AddHours(1 + (seq / 1000 % 7)),
        >= 107_500 when seq % 1000 == 500 => LateWindow.Start.AddMinutes(seq / 1000),
        _ => At(seq),
    };

    public static string EventIdOf(long seq) => $"window-{seq}";

    /// <summary>The seqs of the records occurring in [start, end), in seq order.</summary>
    public static IEnumerable<long> SeqsIn((DateTimeOffset Start, DateTimeOffset End) window) =>
        Enumerable.Range(1, Records).Select(n => (long)n).Where(n => OccurredAt(n) >= window.Start && OccurredAt(n) < window.End);

    /// <summary>The workspace with its history, written on first use.</summary>
    public async Task<TestWorkspace> HistoryAsync()
    {
        await _loading.WaitAsync();
        try
        {
            if (_workspace is null)
            {
                var workspace = await NewWorkspaceAsync(ApiKeyScope.ComplianceRead | ApiKeyScope.ComplianceAdmin);
                var writer = Services.GetRequiredService<IRecordWriter>();
                for (var first = 1; first <= Records; first += 10_000)
                {
                    var chunk = Enumerable.Range(first, 10_000).Select(n => Record(workspace.Id, n)).ToList();
                    await writer.AppendAsync(chunk, CancellationToken.None);
                }

                _workspace = workspace;
            }

            return _workspace;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static DateTimeOffset At(long seq) => T0.AddSeconds(seq * 10);

    private static ActivityRecord Record(string workspaceId, long seq) => new()
    {
        Id = RecordIds.NewId(OccurredAt(seq)),
        WorkspaceId = workspaceId,
        EventId = EventIdOf(seq),
        OccurredAt = OccurredAt(seq),
        ReceivedAt = At(seq),
        Source = RecordSource.NativeEvent,
        Kind = RecordKind.UserPrompt,
        Actor = new ActorIdentity(),
        Agent = Agent.Codex,
        ClientId = ClientId.CodexCli,
        PromptText = $"prompt {seq}",
    };
}
