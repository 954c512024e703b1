using System.Text;

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
                var examples = Path.Combine(root, "tests", ".cache");
                if (Directory.Exists(examples))
                {
                    seeds.AddRange(Directory.EnumerateFiles(examples, "*.json", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length < 64_000)
                        .Order(StringComparer.Ordinal).Take(40).Select(f => (byte[])[1, .. File.ReadAllBytes(f)]));
                }

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

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
