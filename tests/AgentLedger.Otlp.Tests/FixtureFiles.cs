namespace AgentLedger.Otlp.Tests;

/// <summary>Reads the real-client captures copied into the test output (Fixtures/).</summary>
internal static class FixtureFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static byte[] Read(string relative) => File.ReadAllBytes(PathOf(relative));

    public static IEnumerable<string> Find(string relativeDir, string pattern) =>
        Directory.EnumerateFiles(PathOf(relativeDir), pattern, SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p))
            .Order(StringComparer.Ordinal);
}
