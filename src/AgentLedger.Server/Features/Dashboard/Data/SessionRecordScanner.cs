using AgentLedger.Core.Records;

namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>
/// Finds a user's sessions and a session's records by reading the record feed (the reader behind
/// <c>GET /api/v1/workspaces/{id}/records</c>) over the most recent <see cref="ScanLimit"/> records. The feed has
/// no user or session filter on this branch; the compliance API's filtered reads (issue 7) will replace the scan.
/// </summary>
public sealed class SessionRecordScanner(IRecordReader records)
{
    public const int ScanLimit = 50_000;
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(string workspaceId, string userId, CancellationToken cancellationToken)
    {
        var sessions = new Dictionary<string, List<ActivityRecord>>(StringComparer.Ordinal);
        await foreach (var record in ScanAsync(workspaceId, cancellationToken).ConfigureAwait(false))
        {
            if (record.SessionId is { } id && string.Equals(record.UserId, userId, StringComparison.Ordinal))
            {
                (sessions.TryGetValue(id, out var list) ? list : sessions[id] = []).Add(record);
            }
        }

        return sessions.Select(s => new SessionSummary(
                s.Key, WireNames.Of(s.Value[0].Agent), WireNames.Of(s.Value[0].Surface), s.Value.Min(r => r.OccurredAt), s.Value.Max(r => r.OccurredAt),
                s.Value.Count, s.Value.Sum(r => r.Usage.InputTokens + r.Usage.OutputTokens)))
            .OrderByDescending(s => s.LastAt)
            .ToList();
    }

    public async Task<IReadOnlyList<ActivityRecord>> ReadSessionAsync(string workspaceId, string sessionId, CancellationToken cancellationToken)
    {
        var found = new List<ActivityRecord>();
        await foreach (var record in ScanAsync(workspaceId, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(record.SessionId, sessionId, StringComparison.Ordinal))
            {
                found.Add(record);
            }
        }

        return found.OrderBy(r => r.OccurredAt).ThenBy(r => r.Seq).ToList();
    }

    private async IAsyncEnumerable<ActivityRecord> ScanAsync(string workspaceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (_, lastSeq) = await records.CountAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var after = Math.Max(0, lastSeq - ScanLimit);
        while (true)
        {
            var page = await records.ReadAfterSeqAsync(workspaceId, after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }
}
