using System.Text.Json;

namespace AgentLedger.Bench.Scale;

/// <summary>
/// The figures of one store (engine × size), measured by <c>generate</c> and <c>measure</c> and kept as a JSON file
/// in the results folder, so that <c>report</c> can put every store side by side. Each figure has its load average.
/// </summary>
public sealed class Figures
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Name { get; set; } = "";

    public string Engine { get; set; } = "";

    public long Records { get; set; }

    public bool Content { get; set; }

    public SortedDictionary<string, double> Values { get; set; } = [];

    public SortedDictionary<string, string> Notes { get; set; } = [];

    public static Figures Load(ScaleOptions options)
    {
        var path = PathOf(options.Results, options.Name);
        var figures = File.Exists(path) ? JsonSerializer.Deserialize<Figures>(File.ReadAllText(path))! : new Figures();
        figures.Name = options.Name;
        figures.Engine = options.Engine;
        figures.Records = options.Records;
        figures.Content = options.Content;
        return figures;
    }

    public static IReadOnlyList<Figures> LoadAll(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Select(f => JsonSerializer.Deserialize<Figures>(File.ReadAllText(f))!)
                .OrderBy(f => f.Engine, StringComparer.Ordinal).ThenBy(f => f.Content).ThenBy(f => f.Records).ToList()
            : [];

    public double? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, double value) => Values[key] = value;

    /// <summary>Records the machine's load average beside a figure group.</summary>
    public void SetLoad(string group) => Notes[group + ".load"] = File.ReadAllText("/proc/loadavg").Trim();

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(PathOf(folder, Name), JsonSerializer.Serialize(this, Json));
    }

    private static string PathOf(string folder, string name) => Path.Combine(folder, name + ".json");
}
