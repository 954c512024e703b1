namespace AgentLedger.CrashTest;

/// <summary>The figures of one round. Event counts of the load are this round's; feed figures cover every round so far.</summary>
public sealed record CrashRoundResult
{
    public required int Round { get; init; }

    public required int Sent { get; init; }

    public required int Batches { get; init; }

    public required int Acknowledged { get; init; }

    /// <summary>From the start of the load to the first 2xx (server warm-up).</summary>
    public required TimeSpan FirstAcknowledgedAfter { get; init; }

    /// <summary>Events in requests whose answer the client had not read when SIGKILL was sent (an upper bound: an answer
    /// already in a socket buffer is still read, and counts as acknowledged).</summary>
    public required int InFlightAtKill { get; init; }

    /// <summary>Events of this round without a 2xx once every sender had stopped (in flight at the kill, or sent just after).</summary>
    public required int Unacknowledged { get; init; }

    public required int ErrorStatusesBeforeKill { get; init; }

    public required TimeSpan KilledAfter { get; init; }

    public required int ServerExitCode { get; init; }

    public required FeedCheck AfterRestart { get; init; }

    /// <summary>Unacknowledged events that had committed anyway (the answer was lost with the process).</summary>
    public required int UnacknowledgedButStored { get; init; }

    public required int ResentEvents { get; init; }

    public required int ResentAccepted { get; init; }

    public required int ResentDuplicates { get; init; }

    public required FeedCheck AfterResend { get; init; }

    public required int SentSoFar { get; init; }

    public required RollupTotals Rollups { get; init; }

    public required RollupTotals ExpectedRollups { get; init; }

    /// <summary>Disagreements between the rollups kept side by side (daily, user-free daily, active-user membership).</summary>
    public required IReadOnlyList<string> RollupMismatches { get; init; }

    public required IReadOnlyList<string> Failures { get; init; }

    public bool Passed => Failures.Count == 0;

    public override string ToString() =>
        $"""
        round {Round}: first 2xx after {FirstAcknowledgedAfter.TotalSeconds:F1} s; killed with SIGKILL {KilledAfter.TotalSeconds:F1} s later (server exit code {ServerExitCode})
          sent {Sent} events in {Batches} batches; acknowledged {Acknowledged}; in flight at kill {InFlightAtKill}; unacknowledged {Unacknowledged}; error statuses before kill {ErrorStatusesBeforeKill}
          after restart: found {AfterRestart.AcknowledgedFound} of {AfterRestart.AcknowledgedFound + AfterRestart.Missing} acknowledged (all rounds); missing {AfterRestart.Missing}; duplicates {AfterRestart.Duplicates}; records {AfterRestart.Stored}; seq {(AfterRestart.SeqError ?? $"gap-free 1..{AfterRestart.Stored}")}; unacknowledged but stored {UnacknowledgedButStored}
          re-sent {ResentEvents} unacknowledged events: accepted {ResentAccepted}, duplicates {ResentDuplicates}
          after re-send: records {AfterResend.Stored} of {SentSoFar} sent; missing {SentSoFar - AfterResend.StoredIds.Count}; duplicates {AfterResend.Duplicates}; unexpected {AfterResend.Unexpected}; seq {(AfterResend.SeqError ?? $"gap-free 1..{AfterResend.Stored}")}
          rollups: records {Rollups.Records}/{ExpectedRollups.Records}, threads {Rollups.Threads}/{ExpectedRollups.Threads}, input tokens {Rollups.InputTokens}/{ExpectedRollups.InputTokens}, output tokens {Rollups.OutputTokens}/{ExpectedRollups.OutputTokens}; {(RollupMismatches.Count == 0 ? "daily, user-free and active-user rollups agree" : string.Join("; ", RollupMismatches))}
          {(Passed ? "PASS" : "FAIL: " + string.Join("; ", Failures))}
        """;
}
