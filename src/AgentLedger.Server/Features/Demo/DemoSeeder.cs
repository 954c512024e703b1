using System.Globalization;
using AgentLedger.Core.Identity;
using AgentLedger.Core.Keys;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Admin;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Fills the demo workspace once, in the background, after storage is migrated (it is registered after
/// <c>StorageStartup</c>, and hosted services start in registration order). A finished seeding is recognised by the
/// admin key it issues last; a workspace with records but without that key was interrupted and is resumed with the
/// same plan, which stores only the events still missing.
/// </summary>
internal sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    IWorkspaceStore workspaces,
    IDirectoryStore directory,
    IRecordReader records,
    DemoIngest ingest,
    ApiKeyIssuer issuer,
    DemoSeedingHealthCheck health,
    TimeProvider time,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    /// <summary>Name of the admin key issued when seeding finishes; its presence marks the workspace as seeded.</summary>
    public const string KeyName = "demo admin";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    // Generation is CPU-bound: run it off the start-up path, so that the host starts and /health/live answers at once.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => SeedAsync(stoppingToken), stoppingToken);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var workspaceId = options.Value.WorkspaceId;
        try
        {
            var plan = await PlanAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            if (plan is not null)
            {
                await RunAsync(plan, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogInterrupted(logger, workspaceId);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, workspaceId);
            health.Failed(ex.Message);
        }
    }

    /// <summary>The plan to run, or null when there is nothing to do (already seeded, or not demo data).</summary>
    private async Task<DemoPlan?> PlanAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var (count, _) = await records.CountAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            var plan = DemoPlan.Create(options.Value, time.GetUtcNow());
            LogSeeding(logger, workspaceId, plan.Users, plan.Days, plan.FirstDay.ToString("O", CultureInfo.InvariantCulture),
                plan.LastDay.ToString("O", CultureInfo.InvariantCulture));
            return plan;
        }

        var keys = await workspaces.ListApiKeysAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        if (keys.Any(k => k.Name == KeyName))
        {
            LogAlreadySeeded(logger, workspaceId, count);
            health.Seeded($"Workspace '{workspaceId}' was already seeded ({count:N0} records).");
            return null;
        }

        var first = await records.ReadAfterSeqAsync(workspaceId, 0, 1, cancellationToken).ConfigureAwait(false);
        if (first.Count == 0 || !DemoPlan.TryResume(first[0].EventId, options.Value, out var resumed))
        {
            LogNotDemoData(logger, workspaceId, count);
            health.Seeded($"Workspace '{workspaceId}' holds {count:N0} records the demo did not make; left as it is.");
            return null;
        }

        LogResuming(logger, workspaceId, count);
        return resumed;
    }

    private async Task RunAsync(DemoPlan plan, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var lastReport = started;
        await workspaces.EnsureWorkspaceAsync(plan.WorkspaceId, "Demo (synthetic activity)", cancellationToken).ConfigureAwait(false);

        // The directory comes first, so that every record is stored with its user's team.
        var users = DemoPopulation.Create(plan);
        await directory.UpsertUsersAsync(plan.WorkspaceId, [.. users.Select(u => new DirectoryUserUpdate(u.Email, u.DisplayName, u.Team.Name))],
            cancellationToken).ConfigureAwait(false);

        var stored = await ingest.RunAsync(plan, users, progress =>
        {
            health.Seeding(plan.WorkspaceId, progress);
            if (time.GetElapsedTime(lastReport) >= ProgressInterval)
            {
                lastReport = time.GetTimestamp();
                LogProgress(logger, plan.WorkspaceId, progress.DaysDone, progress.Days, progress.RecordsStored);
            }
        }, cancellationToken).ConfigureAwait(false);

        var key = await issuer.IssueAsync(plan.WorkspaceId, KeyName, ApiKeyScope.Admin, cancellationToken).ConfigureAwait(false);
        var (total, _) = await records.CountAsync(plan.WorkspaceId, cancellationToken).ConfigureAwait(false);
        var seconds = time.GetElapsedTime(started).TotalSeconds;
        LogSeeded(logger, plan.WorkspaceId, users.Count, plan.Days, stored, total, seconds);
        LogKey(logger, plan.WorkspaceId, key.Token);
        health.Seeded(string.Create(CultureInfo.InvariantCulture,
            $"Workspace '{plan.WorkspaceId}' seeded: {users.Count} users, {plan.Days} days, {total:N0} records."));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeding demo workspace '{WorkspaceId}' with {Users} users over {Days} days ({FirstDay} to {LastDay}) in the background")]
    private static partial void LogSeeding(ILogger logger, string workspaceId, int users, int days, string firstDay, string lastDay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo workspace '{WorkspaceId}': day {Day} of {Days}, {Records} records stored")]
    private static partial void LogProgress(ILogger logger, string workspaceId, int day, int days, long records);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo workspace '{WorkspaceId}' seeded: {Users} users, {Days} days, {Stored} records stored now ({Total} in total) in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, string workspaceId, int users, int days, long stored, long total, double seconds);

    // The one secret this server logs: a key to synthetic data, which the operator asked for with --demo and sees only once.
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Admin key for demo workspace '{WorkspaceId}' (shown once, store it now): {Key}")]
    private static partial void LogKey(ILogger logger, string workspaceId, string key);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo workspace '{WorkspaceId}' is already seeded ({Records} records). For a key: agentledger keys create --workspace {WorkspaceId} --scope admin")]
    private static partial void LogAlreadySeeded(ILogger logger, string workspaceId, long records);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo workspace '{WorkspaceId}' holds {Records} records from an interrupted seeding; resuming (stored events are skipped)")]
    private static partial void LogResuming(ILogger logger, string workspaceId, long records);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Workspace '{WorkspaceId}' holds {Records} records that the demo did not make; not seeding it. Set Demo:WorkspaceId to another workspace")]
    private static partial void LogNotDemoData(ILogger logger, string workspaceId, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seeding of '{WorkspaceId}' stopped with the server; it resumes at the next start")]
    private static partial void LogInterrupted(ILogger logger, string workspaceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo seeding of '{WorkspaceId}' failed; the server keeps running without complete demo data")]
    private static partial void LogFailed(ILogger logger, Exception exception, string workspaceId);
}
