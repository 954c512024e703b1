using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Compliance.Logs;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// A server whose compliance jobs run fast: log files seal after 300 ms or 50 lines (checked every 100 ms), and
/// exports are looked for every 200 ms.
/// </summary>
public sealed class ComplianceServerFixture : ServerFixture
{
    public const int MaxRecordsPerFile = 50;

    protected override IEnumerable<string> ExtraArgs =>
    [
        "--Compliance:Logs:SealInterval=00:00:00.300", "--Compliance:Logs:PollInterval=00:00:00.100",
        $"--Compliance:Logs:MaxRecordsPerFile={MaxRecordsPerFile}", "--Compliance:Exports:PollInterval=00:00:00.200",
        // One workspace with retention of its own (no other workspace has any): what GET /api/v1/compliance/retention shows.
        $"--Retention:Workspaces:{RetainedWorkspace}:Content=30.00:00:00", $"--Retention:Workspaces:{RetainedWorkspace}:Metadata=400.00:00:00",
    ];

    /// <summary>The workspace id that has retention configured on this server (content 30 days, metadata 400).</summary>
    public const string RetainedWorkspace = "ws-retained";

    /// <summary>Seals whatever is waiting in every workspace now, waiting for the scheduled round to let go of the lease.</summary>
    public async Task SealNowAsync()
    {
        var sealer = Services.GetRequiredService<ComplianceLogSealer>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await sealer.SealOnceAsync(force: true, CancellationToken.None))
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The sealing lease stayed taken for 5 s.");
    }

    /// <summary>Whether every record and audit event of the workspace is in a sealed file.</summary>
    public async Task<bool> AllSealedAsync(string workspaceId)
    {
        var store = Services.GetRequiredService<IComplianceLogStore>();
        var (_, lastSeq) = await Services.GetRequiredService<IRecordReader>().CountAsync(workspaceId, CancellationToken.None);
        return await store.SealedSeqAsync(workspaceId, ComplianceLogType.CodexLog, CancellationToken.None) == lastSeq;
    }
}
