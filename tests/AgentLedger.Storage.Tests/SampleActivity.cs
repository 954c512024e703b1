using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Storage.Tests;

/// <summary>
/// A deterministic, realistic mix of activity: several people (some known by e-mail, some by account id, some by
/// both), every surface, sessions with prompts, model calls, tools and errors, cloud tasks, and code reviews with
/// prioritised comments, replies and reactions. Money has up to 6 decimals; times carry offsets other than UTC.
/// </summary>
public static class SampleActivity
{
    private static readonly (string? Email, string? Account, string? Login)[] People =
    [
        ("ada@example.com", "acct-ada", null),
        ("Grace@Example.com", null, null),
        (null, "acct-linus", null),
        ("ken@example.com", "acct-ken", "kthompson"),
        (null, null, "review-bot-fan"),
        (null, null, null),
    ];

    private static readonly ClientId[] Clients =
    [
        ClientId.CodexCli, ClientId.CodexIdeVsCode, ClientId.ClaudeCodeCli, ClientId.GeminiCli, ClientId.CodexWeb,
        ClientId.CodexGitHub, ClientId.ClaudeCodeSdk,
    ];

    private static readonly string?[] Models = ["gpt-5-codex", "claude-sonnet-4-5", "gemini-2.5-pro", null];

    private static readonly RecordKind[] Kinds = Enum.GetValues<RecordKind>();

    /// <summary>Client versions by record index (not drawn from the random stream, which other tests' data depends on); null: none sent.</summary>
    private static readonly string?[] Versions = ["0.50.0", "0.51.1", null, "2.1.328"];

    public static List<ActivityRecord> Generate(string workspaceId, int count, int seed, DateTimeOffset start, TimeSpan? span = null)
    {
        var random = new Random(seed);
        var spanMinutes = (int)(span ?? TimeSpan.FromHours(30)).TotalMinutes;
        var records = new List<ActivityRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var person = People[random.Next(People.Length)];
            var kind = Kinds[random.Next(Kinds.Length)];
            var offset = TimeSpan.FromHours(random.Next(3) - 1);
            var at = start.AddMinutes(random.Next(spanMinutes)).AddMilliseconds(random.Next(60_000)).ToOffset(offset);
            var builder = new RecordBuilder(workspaceId, at, $"{workspaceId}-{seed}-{i}")
                .Kind(kind)
                .Source((RecordSource)random.Next(4))
                .By(person.Email, person.Account, person.Login, name: person.Email is null ? null : "Name " + i % 3)
                .Client(Clients[random.Next(Clients.Length)])
                .Model(Models[random.Next(Models.Length)])
                .Session(random.Next(5) == 0 ? null : $"sess-{seed}-{random.Next(12)}", $"turn-{random.Next(40)}")
                .Request(random.Next(2) == 0 ? "10.1.2." + random.Next(255) : null, "codex_cli_rs/0.50.0", Versions[i % Versions.Length]);
            if (random.Next(2) == 0)
            {
                builder.Tokens(random.Next(1, 90_000), random.Next(0, 1_000), random.Next(0, 8_000), random.Next(0, 2_000));
            }

            if (random.Next(3) == 0)
            {
                builder.Money(random.Next(0, 2_000_000) / 1_000_000m, random.Next(0, 50_000_000) / 1_000_000m);
            }

            if (random.Next(4) == 0)
            {
                builder.Failed("rate_limited: retry after 3s");
            }

            builder.Duration(random.Next(3) == 0 ? null : random.Next(10, 120_000));
            Decorate(builder, kind, random, i);
            records.Add(builder.Build());
        }

        return records;
    }

    private static void Decorate(RecordBuilder builder, RecordKind kind, Random random, int i)
    {
        switch (kind)
        {
            case RecordKind.UserPrompt:
                builder.Content($"Refactor module {i} — keep the “public” API; naïve ünïcode ✓", null);
                break;
            case RecordKind.ModelResponse:
                builder.Content(null, $"Done: {i} files changed.\nSee diff.");
                break;
            case RecordKind.ToolResult or RecordKind.ToolDecision:
                builder.Tool("shell", """{"command":["ls","-la"]}""", random.Next(2) == 0 ? "total 0" : null);
                break;
            case RecordKind.ReviewComment:
                builder.Review("acme/api", 100 + random.Next(5), $"c-{i}", random.Next(5) == 0 ? null : (ReviewPriority)random.Next(4));
                break;
            case RecordKind.ReviewReaction:
                builder.Review("acme/api", 100 + random.Next(5), $"c-{random.Next(i + 1)}", reaction: random.Next(4) == 0 ? null : (ReactionKind)random.Next(3));
                break;
            case RecordKind.ReviewReply or RecordKind.CodeReviewCompleted:
                builder.Review("acme/web", 7, random.Next(2) == 0 ? null : $"c-{i}");
                break;
        }

        if (random.Next(3) == 0)
        {
            // key order must survive: attributes are kept as sent, not normalised
            builder.Attributes(new JsonObject { ["z.last"] = i, ["a.first"] = "x", ["nested"] = new JsonObject { ["list"] = new JsonArray(1, "two", null) } });
        }
    }
}
