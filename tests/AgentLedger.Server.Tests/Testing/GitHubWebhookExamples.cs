using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Testing;

/// <summary>
/// Real GitHub webhook payloads from the npm package <c>@octokit/webhooks-examples</c>, installed on first use into
/// tests/.cache (git-ignored; nothing of the package is committed). Without npm the webhook tests are skipped with
/// the reason, except under CI=true, where they fail.
/// </summary>
public static class GitHubWebhookExamples
{
    public const string Package = "@octokit/webhooks-examples@7.6.1";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static JsonArray? _index;

    /// <summary>A copy of the <paramref name="index"/>-th example of the event whose <c>action</c> is <paramref name="action"/>.</summary>
    public static async Task<JsonObject> GetAsync(string eventName, string action, int index = 0)
    {
        var all = await LoadAsync();
        var examples = all.Single(e => (string)e!["name"]! == eventName)!["examples"]!.AsArray()
            .Where(x => (string?)x!["action"] == action).ToList();
        return examples[index]!.DeepClone().AsObject();
    }

    private static async Task<JsonArray> LoadAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_index is not null)
            {
                return _index;
            }

            var folder = RepositoryRoot.Path("tests", ".cache", "octokit-webhooks-examples");
            var file = Path.Combine(folder, "node_modules", "@octokit", "webhooks-examples", "api.github.com", "index.json");
            if (!File.Exists(file))
            {
                await InstallAsync(folder);
            }

            _index = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray();
            return _index;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task InstallAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--prefix", folder, Package])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string failure;
        try
        {
            using var npm = Process.Start(start)!;
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            if (npm.ExitCode == 0)
            {
                return;
            }

            failure = $"npm install {Package} failed ({npm.ExitCode}): {await stderr}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            failure = $"npm is not installed ({ex.Message}); it is needed to fetch {Package}.";
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(failure);
        }

        Assert.Skip(failure);
    }
}
