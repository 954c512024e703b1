using System.Text;
using AgentLedger.Core.Dlp;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Bench.Data;

/// <summary>
/// Deterministic synthetic activity shaped like a real workspace: each user is active on a share of the days, works in
/// sessions of a few turns (prompt, model response, sometimes a tool call) on one or two preferred clients and models,
/// during working hours. The number of turns per active day is scaled so the total lands near the requested count.
/// With content, prompts (0.2–2 KB), responses (0.3–3 KB, with diffs) and tool input and output carry text, one
/// content record in 250 carries a secret or an e-mail address, and those records go through the real DLP ingest filter
/// (default policy), so the DLP findings tables fill as ingest would fill them. The background text has no digits and
/// no '@', so no rule can match it and the filter would return the other records unchanged: skipping them only saves
/// the scan (which, run on every record, made generating content ten times slower than storing it).
/// </summary>
public sealed class ActivityGenerator
{
    public const string WorkspaceId = "bench";

    private static readonly (ClientId Client, string Model)[] Setups =
    [
        (ClientId.CodexCli, "gpt-5-codex"), (ClientId.CodexIdeVsCode, "gpt-5-codex"), (ClientId.CodexDesktopApp, "gpt-5"),
        (ClientId.ClaudeCodeCli, "claude-sonnet-4-5"), (ClientId.ClaudeCodeIdeVsCode, "claude-sonnet-4-5"), (ClientId.GeminiCli, "gemini-2.5-pro"),
        (ClientId.CodexWeb, "gpt-5-codex"),
    ];

    // No digits and no '@': background text can match no DLP rule, so every finding comes from a planted value.
    private static readonly string[] Words =
    [
        "refactor", "the", "uploader", "retry", "timeout", "handler", "null", "check", "parser", "add", "tests", "for", "PaymentService",
        "migrate", "schema", "index", "async", "stream", "buffer", "cache", "invalidate", "when", "config", "changes", "logging", "span",
    ];

    private static readonly DlpHasher Hasher = new(Encoding.UTF8.GetBytes("agentledger benchmark dlp key, 32+ bytes"));

    private readonly long _records;
    private readonly int _users;
    private readonly int _days;
    private readonly DateTimeOffset _firstDay;
    private readonly bool _content;
    private readonly CreditCalculator _credits = new(PriceBook.Default);
    private readonly DlpIngestFilter _dlp = new(new DlpPolicy(Options.Create(new DlpOptions())), new DlpHasherSource(Hasher), NullLogger<DlpIngestFilter>.Instance);

    /// <param name="records">About how many records in all.</param>
    /// <param name="users">Distinct people (e-mail addresses).</param>
    /// <param name="days">Days of activity from <paramref name="firstDay"/> (00:00 UTC).</param>
    /// <param name="content">Whether records carry prompt, response and tool text.</param>
    public ActivityGenerator(long records, int users, int days, DateTimeOffset firstDay, bool content)
    {
        _records = records;
        _users = users;
        _days = days;
        _firstDay = firstDay;
        _content = content;
    }

    public int Days => _days;

    public DateTimeOffset FirstDay => _firstDay;

    /// <summary>Every day's records in time order, cut into chunks of at most <paramref name="size"/>.</summary>
    public IEnumerable<IReadOnlyList<ActivityRecord>> Chunks(int size)
    {
        for (var day = 0; day < _days; day++)
        {
            foreach (var chunk in Day(day).Chunk(size))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>Records of one day, in time order, for every user active that day.</summary>
    public List<ActivityRecord> Day(int day)
    {
        var random = new Random(day * 7919 + 17);
        var text = new StringBuilder(4096);
        var start = _firstDay.AddDays(day);
        // records per turn is about 2.5 (prompt, response, a tool call in half the turns); users are active on ~60% of days
        var turnsPerActiveDay = _records / (_users * (double)_days * 0.6 * 2.5);
        var records = new List<ActivityRecord>();
        for (var user = 0; user < _users; user++)
        {
            var userRandom = new Random(user * 104729 + 3);
            var activity = 0.3 + userRandom.NextDouble() * 0.6;
            var setups = new[] { Setups[userRandom.Next(Setups.Length)], Setups[userRandom.Next(Setups.Length)] };
            if (random.NextDouble() > activity)
            {
                continue;
            }

            var turns = Math.Max(1, (int)Math.Round(turnsPerActiveDay * (0.5 + random.NextDouble())));
            var at = start.AddHours(7 + random.Next(10)).AddMinutes(random.Next(60));
            // A busy day's turns are packed closer so that they end before midnight: a day's records stay in its UTC day,
            // and the last generated day holds no record dated tomorrow (which real stores do not have, and which makes
            // the dashboard's active-user counts take their exact fallback path).
            var spacing = Math.Min(1.0, ((start.AddDays(1) - at).TotalMinutes - 1) / (turns * 22.0));
            var session = 0;
            for (var turn = 0; turn < turns; turn++)
            {
                if (turn % 4 == 0)
                {
                    session++;
                }

                var (client, model) = setups[session % 2];
                var sessionId = $"s-{day}-{user}-{session}";
                var prompt = Record(user, at, client, null, sessionId, RecordKind.UserPrompt, TokenUsage.None);
                records.Add(_content ? WithContent(prompt with { PromptText = Text(random, text, 200, 2_000) }, random) : prompt);
                var input = 2_000 + random.Next(30_000);
                var output = 200 + random.Next(3_000);
                var response = Record(user, at.AddSeconds(20), client, model, sessionId, RecordKind.ModelResponse,
                    new TokenUsage(input, random.Next(input), output, random.Next(output / 2)));
                records.Add(_content ? WithContent(response with { ResponseText = "```diff\n" + Text(random, text, 300, 3_000) + "\n```" }, random) : response);
                if (random.Next(2) == 0)
                {
                    var tool = Record(user, at.AddSeconds(40), client, null, sessionId, RecordKind.ToolResult, TokenUsage.None) with { ToolName = "shell" };
                    records.Add(_content
                        ? WithContent(tool with { ToolInput = """{"command":["dotnet","test"]}""", ToolOutput = Text(random, text, 100, 1_500) }, random)
                        : tool);
                }

                at = at.AddMinutes((3 + random.Next(20)) * spacing);
            }
        }

        records.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return records;
    }

    /// <summary>Plants a secret or an address in one record in 250 and applies DLP to it as ingest does.</summary>
    private ActivityRecord WithContent(ActivityRecord record, Random random)
    {
        if (random.Next(250) != 0)
        {
            return record;
        }

        var planted = random.Next(3) switch
        {
            0 => " token ghp_" + Alphanumeric(random, 36),
            1 => " aws AKIA" + Alphanumeric(random, 16).ToUpperInvariant(),
            _ => $" mail dev{random.Next(10_000)}@partner.example.org",
        };
        record = record.PromptText is not null ? record with { PromptText = record.PromptText + planted }
            : record.ResponseText is not null ? record with { ResponseText = record.ResponseText + planted }
            : record with { ToolOutput = record.ToolOutput + planted };

        return _dlp.Apply(record, Hasher);
    }

    private static string Alphanumeric(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private static string Text(Random random, StringBuilder text, int min, int max)
    {
        text.Clear();
        var length = random.Next(min, max);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return text.ToString();
    }

    private ActivityRecord Record(int user, DateTimeOffset at, ClientId client, string? model, string session, RecordKind kind, TokenUsage usage) =>
        _credits.Apply(new ActivityRecord
        {
            Id = RecordIds.NewId(at),
            WorkspaceId = WorkspaceId,
            EventId = Guid.CreateVersion7(at).ToString("N"),
            OccurredAt = at,
            ReceivedAt = at.AddSeconds(1),
            Source = RecordSource.NativeEvent,
            Kind = kind,
            Actor = new ActorIdentity { Email = $"user{user:D5}@corp.example" },
            Agent = ClientCatalog.AgentOf(client),
            ClientId = client,
            SessionId = session,
            Model = model,
            Usage = usage,
        });
}
