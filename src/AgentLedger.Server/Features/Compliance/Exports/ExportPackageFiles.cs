namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>The files of an export package, by name; nothing else is ever served from a package folder.</summary>
public static class ExportPackageFiles
{
    /// <summary>The records, one native JSON per line, in seq order.</summary>
    public const string Records = "records.ndjson";

    /// <summary>One row per record: where it is in <see cref="Records"/>, who, when, what, and the SHA-256 of its line.</summary>
    public const string Index = "index.csv";

    /// <summary>What was exported, for whom, under which filter, with counts and every data file's SHA-256.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>coreutils checksums of the three files above: <c>sha256sum -c SHA256SUMS</c>.</summary>
    public const string Checksums = Core.Compliance.Sha256Sums.FileName;

    public static readonly string[] All = [Records, Index, Manifest, Checksums];

    public static string ContentType(string name) => name switch
    {
        Records => "application/x-ndjson",
        Index => "text/csv; charset=utf-8",
        Manifest => "application/json",
        _ => "text/plain; charset=utf-8",
    };
}
