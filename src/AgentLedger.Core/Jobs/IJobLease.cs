namespace AgentLedger.Core.Jobs;

/// <summary>
/// Mutual exclusion of background jobs (retention, sealing compliance files, SIEM forwarding) across every
/// AgentLedger instance that shares one store: while one holder has a job's lease, nobody else gets it, so a job
/// never runs twice at once. A lease is not a schedule: a job that finds its lease taken simply skips this round.
/// </summary>
public interface IJobLease
{
    /// <summary>
    /// Takes the lease of <paramref name="jobName"/> without waiting. Returns the held lease, which releases on
    /// dispose, or null when another holder (in this or another instance) has it. A lease also ends when its
    /// holder's process dies, so a crashed instance never blocks a job for good. <paramref name="jobName"/> follows
    /// <see cref="JobNames.Rule"/>.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string jobName, CancellationToken cancellationToken);
}
