using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Analytics;

/// <summary>Random but reproducible activity: a few users in teams, several agents, clients, models and kinds.</summary>
internal sealed class RandomActivity(int seed, DateTimeOffset start, int days)
{
    public static readonly (string Client, string Agent)[] Clients =
    [
        ("CODEX_CLI", "codex"), ("CODEX_IDE_VSCODE", "codex"), ("CODEX_WEB", "codex"), ("CLAUDE_CODE_CLI", "claude_code"),
        ("CLAUDE_CODE_IDE_VSCODE", "claude_code"), ("GEMINI_CLI", "gemini_cli"),
    ];

    public static readonly string[] Teams = ["red", "blue"];

    private static readonly string?[] Models = [null, "gpt-5-codex", "claude-sonnet-4-5", "gemini-2.5-pro"];
    private static readonly string[] Kinds =
        ["user.prompt", "user.prompt", "model.response", "model.response", "tool.result", "api.error", "cloud_task.created", "cloud_task.completed", "cloud_task.failed"];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public static string Email(int user) => $"u{user}@example.com";

    /// <summary>Directory entries: users 0..4 in teams, user 5 (and any later) without a team.</summary>
    public static JsonArray Directory() =>
        new(Enumerable.Range(0, 5).Select(u => (JsonNode)new JsonObject { ["email"] = Email(u), ["team"] = Teams[u % 2] }).ToArray());

    public EventBuilder[] Events(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToArray();

    public EventBuilder Next()
    {
        var user = _random.Next(7);
        var (client, agent) = Clients[_random.Next(Clients.Length)];
        var kind = Kinds[_random.Next(Kinds.Length)];
        var at = start.AddMinutes(_random.Next(days * 24 * 60)).AddSeconds(_random.Next(60));
        var e = EventBuilder.Of(kind).User(Email(user)).Client(client, agent).At(at.ToString("O", CultureInfo.InvariantCulture));
        if (kind.StartsWith("cloud_task", StringComparison.Ordinal) || _random.Next(5) > 0)
        {
            e.Session($"s-{user}-{_random.Next(4)}");
        }

        if (Models[_random.Next(Models.Length)] is { } model)
        {
            e.Model(model);
        }

        if (kind == "model.response")
        {
            var input = _random.Next(20_000);
            var output = _random.Next(3_000);
            e.Tokens(input, _random.Next(input + 1), output, _random.Next(output + 1))
                .Credits(_random.Next(5_000) / 1000m)
                .Set("cost_usd", _random.Next(10_000) / 10_000m);
        }

        if (kind == "tool.result" && _random.Next(4) == 0)
        {
            e.Set("error", "exit code 1");
        }

        return e;
    }
}
