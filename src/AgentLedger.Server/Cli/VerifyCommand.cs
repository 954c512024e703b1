using System.CommandLine;
using System.Text.Json;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Integrity;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Features.Compliance.Integrity;
using AgentLedger.Server.Storage;

namespace AgentLedger.Server.Cli;

/// <summary>
/// <c>agentledger verify [--workspace id] [--json]</c>: recomputes the record hash chain of one or every workspace
/// straight from the database, without a running server, and prints valid or each problem by seq. Exit code 0 when
/// everything verifies, 1 when something does not, 2 on bad arguments. Each workspace's verification is audited.
/// </summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static Command Create()
    {
        var workspace = new Option<string?>("--workspace", "-w") { Description = "Workspace id; every workspace when omitted." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (the HTTP endpoint's shape)." };
        var command = new Command("verify", "Recompute the tamper-evident hash chain of the records and report what is wrong.") { workspace, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var only = result.GetValue(workspace);
            if (only is not null && !WorkspaceIds.IsValid(only))
            {
                await Console.Error.WriteLineAsync($"--workspace: '{only}' is invalid: {WorkspaceIds.Rule}.").ConfigureAwait(false);
                return 2;
            }

            using var host = AgentLedgerCommandLine.BuildToolHost(result.UnmatchedTokens);
            await host.Services.GetRequiredService<StorageStartup>().StartAsync(cancellationToken).ConfigureAwait(false);
            var verifier = host.Services.GetRequiredService<RecordChainVerifier>();
            var auditor = host.Services.GetRequiredService<ComplianceAuditor>();
            var ids = only is not null
                ? [only]
                : (await host.Services.GetRequiredService<IWorkspaceStore>().ListWorkspacesAsync(cancellationToken).ConfigureAwait(false))
                    .Select(w => w.Id).ToList();
            var views = new List<ChainVerificationView>();
            foreach (var id in ids)
            {
                var verification = await verifier.VerifyAsync(id, cancellationToken).ConfigureAwait(false);
                if (verification is null)
                {
                    await Console.Error.WriteLineAsync($"--workspace: no workspace '{id}' in this database.").ConfigureAwait(false);
                    return 2;
                }

                await auditor.RecordLocalAsync(id, AuditActions.VerifyRecordChain, IntegrityEndpoints.AuditData(verification), cancellationToken)
                    .ConfigureAwait(false);
                views.Add(ChainVerificationView.From(verification));
            }

            if (result.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(views, Json)).ConfigureAwait(false);
            }
            else
            {
                foreach (var view in views)
                {
                    await WriteTextAsync(view).ConfigureAwait(false);
                }
            }

            return views.All(v => v.Status == "valid") ? 0 : 1;
        });
        return command;
    }

    private static async Task WriteTextAsync(ChainVerificationView view)
    {
        var purged = view.PurgedThroughSeq > 0 ? $", seq 1-{view.PurgedThroughSeq} purged by retention" : string.Empty;
        await Console.Out.WriteLineAsync(
            $"{view.WorkspaceId}: {view.Status} — {view.RecordsChecked} records to seq {view.LastSeq}{purged}, "
            + $"{view.ContentPurged} with purged content, {view.AnchorsChecked} heads compared; head {view.HeadSha256 ?? "(none)"}").ConfigureAwait(false);
        foreach (var problem in view.Problems)
        {
            var seqs = problem.ToSeq is { } to && to != problem.Seq ? $"seq {problem.Seq}-{to}" : $"seq {problem.Seq}";
            await Console.Out.WriteLineAsync($"  {problem.Kind,-15} {seqs,-16} {problem.Detail}").ConfigureAwait(false);
        }

        if (view.Truncated)
        {
            await Console.Out.WriteLineAsync("  … more problems than listed").ConfigureAwait(false);
        }
    }
}
