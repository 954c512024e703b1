using System.Text.Json;
using AgentLedger.Core.Records;
using AgentLedger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AgentLedger.Benchmarks;

/// <summary>
/// The baseline: the same rows into the same <c>records</c> table (same indexes, same pragmas, same durable commit),
/// as one transaction of one prepared INSERT re-bound per row. Column values are computed once up front; per row
/// only seq and event_id change. No dedupe, no user resolution, no sessions, no rollups, no queue hop.
/// </summary>
internal sealed class BareRecordInsert : IDisposable
{
    private static readonly string[] Columns =
    [
        "workspace_id", "seq", "record_id", "event_id", "occurred_at", "received_at", "source", "kind",
        "user_id", "actor", "team", "client_ip", "user_agent", "agent", "client_id", "surface", "client_version",
        "session_id", "turn_id", "model", "status", "error",
        "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_tokens", "cost_usd_micros", "credits_micros", "duration_ms",
        "prompt_text", "response_text", "tool_name", "tool_input", "tool_output",
        "review_repository", "review_pull_request", "review_id", "review_comment_id", "review_priority", "review_reaction",
        "attributes",
    ];

    private const int SeqColumn = 1;
    private const int EventIdColumn = 3;
    private const int SessionColumn = 17;

    private static readonly JsonSerializerOptions ActorJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly object[][] _rows;
    private long _seq;

    private BareRecordInsert(SqliteConnection connection, object[][] rows)
    {
        _connection = connection;
        _rows = rows;
        _insert = connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO records ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        foreach (var column in Columns)
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = "$" + column });
        }
    }

    public static async Task<BareRecordInsert> OpenAsync(SqliteDatabase database, IReadOnlyList<ActivityRecord> mapped)
    {
        var connection = await database.OpenAsync(CancellationToken.None);
        return new BareRecordInsert(connection, mapped.Select(ToRow).ToArray());
    }

    /// <summary>Inserts <paramref name="count"/> rows in one durable transaction; returns the rows inserted.</summary>
    public int Insert(int count, ref long eventCounter)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _insert.Transaction = transaction;
        if (_seq == 0)
        {
            _insert.Prepare();
        }

        var inserted = 0;
        var parameters = _insert.Parameters;
        for (var i = 0; i < count; i++)
        {
            var counter = eventCounter++;
            var row = _rows[counter % _rows.Length];
            for (var c = 0; c < row.Length; c++)
            {
                parameters[c].Value = row[c];
            }

            parameters[SeqColumn].Value = ++_seq;
            parameters[EventIdColumn].Value = "bench-" + counter;
            if (row[SessionColumn] is string)
            {
                parameters[SessionColumn].Value = "s-" + counter / 40;
            }

            inserted += _insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return inserted;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }

    /// <summary>The column values SqliteRecordColumns.Bind would write for this record, with its user resolved.</summary>
    private static object[] ToRow(ActivityRecord r) =>
    [
        r.WorkspaceId, 0L, r.Id, r.EventId, Micros(r.OccurredAt), Micros(r.ReceivedAt), WireNames.Of(r.Source), WireNames.Of(r.Kind),
        "user-" + Guid.CreateVersion7().ToString("N"), JsonSerializer.Serialize(r.Actor, ActorJson), DBNull.Value,
        Db(r.ClientIp), Db(r.UserAgent), WireNames.Of(r.Agent), WireNames.Of(r.ClientId), WireNames.Of(r.Surface), Db(r.ClientVersion),
        Db(r.SessionId), Db(r.TurnId), Db(r.Model), Db(r.Status), Db(r.Error),
        r.Usage.InputTokens, r.Usage.CachedInputTokens, r.Usage.OutputTokens, r.Usage.ReasoningTokens,
        r.CostUsd is { } cost ? (object)(long)(cost * 1_000_000m) : DBNull.Value,
        r.Credits is { } credits ? (object)(long)(credits * 1_000_000m) : DBNull.Value,
        r.DurationMs is { } duration ? (object)duration : DBNull.Value,
        Db(r.PromptText), Db(r.ResponseText), Db(r.ToolName), Db(r.ToolInput), Db(r.ToolOutput),
        Db(r.Review?.Repository), r.Review?.PullRequest is { } pr ? (object)pr : DBNull.Value, Db(r.Review?.ReviewId), Db(r.Review?.CommentId),
        r.Review?.Priority is { } priority ? WireNames.Of(priority) : DBNull.Value,
        r.Review?.Reaction is { } reaction ? WireNames.Of(reaction) : DBNull.Value,
        r.Attributes is null ? DBNull.Value : r.Attributes.ToJsonString(),
    ];

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static object Db(string? value) => value is null ? DBNull.Value : value;
}
