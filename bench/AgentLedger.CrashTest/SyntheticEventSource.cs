namespace AgentLedger.CrashTest;

/// <summary>
/// Realistic native events: the mix of kinds, clients, models, token counts and prompt lengths that the
/// real-client captures show (prompts of a few hundred characters, responses a little longer, tool calls with
/// shell commands). Deterministic for a given <see cref="Random"/>; thread-safe as long as each caller owns its Random.
/// </summary>
public static class SyntheticEventSource
{
    private static readonly (string ClientId, string Model)[] Clients =
    [
        ("CODEX_CLI", "gpt-5-codex"),
        ("CODEX_IDE_VSCODE", "gpt-5-codex"),
        ("CODEX_CLI", "gpt-5.1-codex-mini"),
        ("CLAUDE_CODE_CLI", "claude-sonnet-4-5"),
        ("CLAUDE_CODE_IDE_VSCODE", "claude-sonnet-4-5"),
        ("CLAUDE_CODE_CLI", "claude-opus-4-1"),
        ("GEMINI_CLI", "gemini-2.5-pro"),
        ("GEMINI_CODE_ASSIST_VSCODE", "gemini-2.5-flash"),
        ("CUSTOM_CLI", "gpt-5"),
    ];

    private static readonly string[] Prompts =
    [
        "The integration tests in OrderServiceTests started failing after we bumped Npgsql to 9.0. The failure is a timeout in " +
        "CreateOrder_WithDiscount_AppliesRebate when the test container is cold. Find out whether the connection pool is " +
        "exhausted by the new multiplexing default, fix the root cause rather than raising the timeout, and add a regression test.",
        "Refactor src/billing/invoice_renderer.py so that currency formatting goes through the Locale helper instead of the " +
        "hand-rolled f-strings. Keep the public API unchanged, update the three call sites in reports/, and make sure the " +
        "snapshot tests still pass. Do not touch the PDF layout code; the design team owns that.",
        "Our GitHub Actions workflow for the monorepo takes 41 minutes. Look at .github/workflows/ci.yml and suggest which jobs " +
        "can run in parallel, where caching of ~/.nuget/packages and node_modules is missing, and whether the Docker build " +
        "could use buildx cache mounts. Apply the changes you are confident about and explain the rest.",
        "Add pagination to GET /api/projects. It should use a keyset cursor on (created_at, id), accept limit between 1 and 200, " +
        "return next_cursor, and keep the old behaviour when no cursor is passed so the mobile app does not break. Write the " +
        "migration for the composite index and update the OpenAPI document.",
        "There is a memory leak in the websocket gateway: RSS grows by about 200 MB per hour under load. Profile the subscription " +
        "registry in gateway/subscriptions.go, check whether cancelled contexts remove their channels from the map, and fix " +
        "it. A benchmark that reproduces the growth would be great.",
        "Explain what this Terraform plan will change in production before I apply it: it says 3 to add, 1 to change, 2 to " +
        "destroy, and the destroyed ones look like the old NAT gateways. I want to know whether any running service loses " +
        "egress during the apply and in which order things happen.",
        "Write unit tests for the RateLimiter class in packages/core/src/rate-limiter.ts. Cover the sliding window edge cases, " +
        "bursts exactly at the limit, clock skew between instances, and the Redis failure path where we fail open. Use the " +
        "existing vitest setup and fake timers, no real sleeps.",
        "Migrate the settings page from the legacy class components to hooks. SettingsForm.jsx, NotificationPrefs.jsx and " +
        "ApiTokens.jsx use componentDidUpdate to sync props into state, which causes the double-save bug in JIRA-4412. Keep " +
        "the styling, remove the redux-form dependency if it is no longer needed.",
    ];

    private static readonly string[] Responses =
    [
        "I found the cause: the new Npgsql default enables multiplexing, and the test fixture opens a second data source per " +
        "test class without disposing it, so the pool of the cold container is exhausted after 20 tests. I changed the fixture " +
        "to share one NpgsqlDataSource, disposed it in DisposeAsync, and added a test that creates 50 orders in parallel. All " +
        "112 tests pass locally in 38 s.",
        "Done. invoice_renderer.py now calls Locale.format_money for every amount; the three call sites in reports/ pass the " +
        "customer's locale explicitly. Snapshot tests pass. I left a TODO where the PDF footer formats a percentage, since that " +
        "file belongs to the design team.",
        "Here is the plan in order: Terraform creates the two new NAT gateways first, then updates the route table association " +
        "(the one change), and only then destroys the old gateways, because of the create_before_destroy lifecycle. Egress is " +
        "interrupted for at most the route propagation time, typically a few seconds.",
        "I added keyset pagination on (created_at, id) with a composite index, migration 0042_projects_created_id.sql, and " +
        "next_cursor in the response. Without a cursor the endpoint returns the first page exactly as before. The OpenAPI " +
        "document and the client SDK types are regenerated.",
    ];

    private static readonly (string Name, string Input, string Output)[] Tools =
    [
        ("shell", "dotnet test tests/OrderService.Tests --filter CreateOrder", "Passed!  - Failed: 0, Passed: 112, Skipped: 0, Total: 112, Duration: 38 s"),
        ("apply_patch", "*** Update File: src/billing/invoice_renderer.py\n@@ def render_total\n-    return f\"{amount:.2f}\"\n+    return Locale.format_money(amount, locale)", "Success. Updated 1 file."),
        ("read_file", "gateway/subscriptions.go", "package gateway\n\nimport (\n\t\"context\"\n\t\"sync\"\n)\n\ntype registry struct {\n\tmu   sync.Mutex\n\tsubs map[string]chan Event\n}"),
        ("shell", "git diff --stat HEAD~1", " .github/workflows/ci.yml | 48 +++++++++++++++++++++++++++++-------------\n 1 file changed, 31 insertions(+), 17 deletions(-)"),
        ("grep", "componentDidUpdate src/settings", "src/settings/SettingsForm.jsx:88\nsrc/settings/NotificationPrefs.jsx:41\nsrc/settings/ApiTokens.jsx:57"),
    ];

    private static readonly string[] Repositories = ["acme/checkout", "acme/platform-infra", "acme/mobile-app", "acme/billing"];

    private static readonly string[] Priorities = ["P0", "P1", "P1", "P2", "P2", "P2", "P3", "P3"];

    /// <summary>How many distinct people the events come from.</summary>
    public const int Users = 240;

    /// <param name="eventId">Unique per workspace.</param>
    /// <param name="sessionId">The session the event belongs to; callers keep a session for a few dozen events.</param>
    public static SyntheticEvent Create(string eventId, string sessionId, Random random, DateTimeOffset now)
    {
        var (clientId, model) = Clients[random.Next(Clients.Length)];
        var user = random.Next(Users);
        // Agents report as they work: events reach the server within minutes of happening.
        var occurredAt = now.AddMilliseconds(-random.Next(0, 15 * 60 * 1000));
        var common = new SyntheticEvent
        {
            EventId = eventId,
            Type = "user.prompt",
            OccurredAt = occurredAt,
            ClientId = clientId,
            ClientVersion = "1." + random.Next(0, 40) + "." + random.Next(0, 10),
            User = new SyntheticUser($"dev{user:D3}@acme.example", $"Developer {user:D3}"),
            SessionId = sessionId,
            TurnId = "turn-" + random.Next(1, 30),
        };

        return random.Next(100) switch
        {
            < 30 => common with { PromptText = Prompts[random.Next(Prompts.Length)] },
            < 65 => common with
            {
                Type = "model.response",
                Model = model,
                Usage = Usage(random),
                DurationMs = random.Next(800, 90_000),
                ResponseText = Responses[random.Next(Responses.Length)],
            },
            < 85 => WithTool(common, random),
            < 92 => common with
            {
                Type = "cloud_task.completed",
                Model = model,
                Status = random.Next(10) == 0 ? "failed_tests" : "ready",
                Usage = Usage(random),
                DurationMs = random.Next(60_000, 1_800_000),
            },
            < 97 => common with
            {
                Type = "code_review.comment",
                ClientId = "CODEX_GITHUB",
                SessionId = null,
                ResponseText = Responses[random.Next(Responses.Length)][..160],
                Review = new SyntheticReview(
                    Repositories[random.Next(Repositories.Length)], random.Next(100, 9000), "rev-" + eventId, "c-" + eventId,
                    Priorities[random.Next(Priorities.Length)]),
            },
            _ => common with { Type = "api.error", Model = model, Error = "429 Too Many Requests: rate limit reached for requests", Status = "error" },
        };
    }

    private static SyntheticEvent WithTool(SyntheticEvent common, Random random)
    {
        var (name, input, output) = Tools[random.Next(Tools.Length)];
        return common with
        {
            Type = "tool.result",
            Tool = new SyntheticTool(name, input, output, random.Next(20) == 0 ? "reject" : "accept"),
            DurationMs = random.Next(20, 20_000),
        };
    }

    private static SyntheticUsage Usage(Random random)
    {
        var input = random.Next(2_000, 120_000);
        var output = random.Next(50, 6_000);
        return new SyntheticUsage(input, input * random.Next(0, 90) / 100, output, output * random.Next(0, 60) / 100);
    }
}
