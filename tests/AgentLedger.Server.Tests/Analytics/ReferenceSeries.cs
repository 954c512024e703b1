using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>
/// The native usage series recomputed straight from stored records (the compliance feed), written independently of
/// the server's rollups and page reader: docs/metrics.md applied by hand, buckets cut with TimeZoneInfo directly.
/// </summary>
internal sealed class ReferenceSeries(TimeZoneInfo zone, string bucket, string groupBy, string workspaceId)
{
    public Func<JsonObject, bool> Filter { get; init; } = _ => true;

    /// <summary>Rows as canonical strings, in (bucket start, group key) order, for buckets that touch [from, to).</summary>
    public List<(DateTimeOffset Start, string Group, string Row)> Compute(IEnumerable<JsonObject> recordsInSeqOrder, DateTimeOffset from, DateTimeOffset to)
    {
        var seenSessions = new HashSet<string>();
        var rows = new Dictionary<(DateTimeOffset, string), Acc>();
        foreach (var r in recordsInSeqOrder)
        {
            var session = (string?)r["session_id"];
            var startsThread = session is not null && seenSessions.Add(session);
            if (!Filter(r))
            {
                continue;
            }

            var (start, end) = BucketOf(DateTimeOffset.Parse((string)r["occurred_at"]!, CultureInfo.InvariantCulture));
            if (start >= to || end <= from)
            {
                continue;
            }

            var key = (start, GroupOf(r));
            if (!rows.TryGetValue(key, out var acc))
            {
                acc = new Acc { Start = start, End = end };
                rows.Add(key, acc);
            }

            acc.Add(r, startsThread);
        }

        return rows.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
            .Select(p => (p.Key.Item1, p.Key.Item2, p.Value.Format(zone, p.Key.Item2))).ToList();
    }

    /// <summary>The same canonical string for a row the API returned.</summary>
    public static string Format(JsonObject row) =>
        string.Join('|',
            (string)row["bucket_start"]!, (string)row["bucket_end"]!, (string)row["group"]!, (int)row["active_users"]!,
            (long)row["threads"]!, (long)row["turns"]!, (long)row["messages"]!, (long)row["tool_calls"]!, (long)row["errors"]!,
            (long)row["input_tokens"]!, (long)row["cached_input_tokens"]!, (long)row["output_tokens"]!, (long)row["reasoning_tokens"]!,
            Money((decimal)row["cost_usd"]!), Money((decimal)row["credits"]!));

    public (DateTimeOffset Start, DateTimeOffset End) BucketOf(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        switch (bucket)
        {
            case "hour":
                var hour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset);
                return (hour, hour.AddHours(1));
            case "week":
                var monday = DateOnly.FromDateTime(local.Date).AddDays(-(((int)local.DayOfWeek + 6) % 7));
                return (Midnight(monday), Midnight(monday.AddDays(7)));
            default:
                var day = DateOnly.FromDateTime(local.Date);
                return (Midnight(day), Midnight(day.AddDays(1)));
        }
    }

    public DateTimeOffset Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private string GroupOf(JsonObject r) => groupBy switch
    {
        "workspace" => workspaceId,
        "user" => (string)r["user_id"]!,
        "team" => (string?)r["team"] ?? "",
        "surface" => (string)r["surface"]!,
        "client" => (string)r["client_id"]!,
        "model" => (string?)r["model"] ?? "",
        "agent" => (string)r["agent"]!,
        _ => throw new InvalidOperationException("unknown grouping " + groupBy),
    };

    private static string Money(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private sealed class Acc
    {
        private readonly HashSet<string> _users = [];
        private long _threads, _turns, _messages, _toolCalls, _errors, _input, _cached, _output, _reasoning;
        private decimal _cost, _credits;

        public DateTimeOffset Start { get; init; }

        public DateTimeOffset End { get; init; }

        public void Add(JsonObject r, bool startsThread)
        {
            var kind = (string)r["kind"]!;
            _users.Add((string)r["user_id"]!);
            _threads += startsThread ? 1 : 0;
            _turns += kind is "user.prompt" or "cloud_task.created" ? 1 : 0;
            _messages += kind == "user.prompt" ? 1 : 0;
            _toolCalls += kind == "tool.result" ? 1 : 0;
            _errors += kind is "api.error" or "cloud_task.failed" || r["error"] is not null ? 1 : 0;
            var usage = r["usage"]!;
            _input += (long)usage["input_tokens"]!;
            _cached += (long)usage["cached_input_tokens"]!;
            _output += (long)usage["output_tokens"]!;
            _reasoning += (long)usage["reasoning_tokens"]!;
            _cost += (decimal?)r["cost_usd"] ?? 0m;
            _credits += (decimal?)r["credits"] ?? 0m;
        }

        public string Format(TimeZoneInfo zone, string group)
        {
            static string Time(DateTimeOffset t, TimeZoneInfo z) =>
                TimeZoneInfo.ConvertTime(t, z).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            return string.Join('|', Time(Start, zone), Time(End, zone), group, _users.Count, _threads, _turns, _messages, _toolCalls, _errors,
                _input, _cached, _output, _reasoning, Money(_cost), Money(_credits));
        }
    }
}
