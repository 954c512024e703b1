using System.Text;
using System.Text.Json;
using AgentLedger.Core.Analytics;
using AgentLedger.Server.Features.Integrations.GitHub;

namespace AgentLedger.Fuzz;

/// <summary>Starting inputs per target: the committed corpus, plus real captures where the repository has them.</summary>
public static class Seeds
{
    public static IReadOnlyList<byte[]> For(string target, string root, string corpusRoot)
    {
        var seeds = new List<byte[]>();
        var corpus = Path.Combine(corpusRoot, target);
        if (Directory.Exists(corpus))
        {
            seeds.AddRange(Directory.EnumerateFiles(corpus).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        }

        var fixtures = Path.Combine(root, "tests", "AgentLedger.Otlp.Tests", "Fixtures");
        switch (target)
        {
            case FuzzTargets.OtlpProtobuf when Directory.Exists(fixtures):
                seeds.AddRange(Captures(fixtures, "*.pb"));
                break;
            case FuzzTargets.OtlpJson when Directory.Exists(fixtures):
                seeds.AddRange(Captures(fixtures, "*.json"));
                break;
            case FuzzTargets.GitHubWebhook:
                seeds.AddRange(WebhookDeliveries(root));
                break;
            case FuzzTargets.AnalyticsCursor:
                seeds.AddRange(Cursors());
                break;
        }

        return seeds;
    }

    /// <summary>Each capture with a leading byte naming its signal (0 logs, 1 metrics, 2 traces), as the fuzz targets expect.</summary>
    private static IEnumerable<byte[]> Captures(string fixtures, string pattern) =>
        Directory.EnumerateFiles(fixtures, pattern, SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 32_000)
            .Order(StringComparer.Ordinal)
            .Take(60)
            .Select(f =>
            {
                var name = Path.GetFileName(f);
                byte signal = name.Contains("metric", StringComparison.OrdinalIgnoreCase) ? (byte)1 : name.Contains("trace", StringComparison.OrdinalIgnoreCase) ? (byte)2 : (byte)0;
                return (byte[])[signal, .. File.ReadAllBytes(f)];
            });

    /// <summary>
    /// Real GitHub payloads (<c>@octokit/webhooks-examples</c>, which <c>./test.sh</c> installs into tests/.cache) of the events
    /// the webhook maps, each as a delivery signed by the secret holder and as one carrying a valid signature header.
    /// </summary>
    public static IEnumerable<byte[]> WebhookDeliveries(string root)
    {
        var index = Path.Combine(root, "tests", ".cache", "octokit-webhooks-examples", "node_modules", "@octokit", "webhooks-examples",
            "api.github.com", "index.json");
        if (!File.Exists(index))
        {
            yield break;
        }

        using var examples = JsonDocument.Parse(File.ReadAllBytes(index));
        var names = FuzzTargets.WebhookEventNames;
        foreach (var group in examples.RootElement.EnumerateArray())
        {
            var eventIndex = names.ToList().IndexOf(group.GetProperty("name").GetString() ?? "");
            if (eventIndex < 0)
            {
                continue;
            }

            foreach (var example in group.GetProperty("examples").EnumerateArray())
            {
                var payload = JsonSerializer.SerializeToUtf8Bytes(example);
                yield return [(byte)(eventIndex | FuzzTargets.SignedBySecretHolder), .. payload];
                var header = Utf8(GitHubWebhookSignature.Sign(FuzzTargets.WebhookIntegration.WebhookSecret, payload) + "\n");
                yield return [(byte)eventIndex, .. header, .. payload];
            }
        }
    }

    /// <summary>Cursors the Codex usage endpoint issues for the target's window: first page, a later day, with and without a group key.</summary>
    public static IEnumerable<byte[]> Cursors()
    {
        var query = FuzzTargets.ParseCursorQuery(null).Query ?? throw new InvalidOperationException("The cursor target's window does not parse.");
        foreach (var (offset, key) in new (long, string?)[] { (0, null), (86_400, "user_01jc3kx2"), (3 * 86_400, "dev@example.com"), (6 * 86_400, "") })
        {
            yield return Utf8(AnalyticsCursorCodec.Encode(query, new AnalyticsPosition(query.From + offset, key)));
        }
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
