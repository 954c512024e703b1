namespace AgentLedger.Core.Compliance;

/// <summary>One file of a finished export package.</summary>
/// <param name="Name">Path inside the package, as <c>SHA256SUMS</c> names it.</param>
/// <param name="Records">Records (or index rows) the file holds; null for files that hold none.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record ExportFile(string Name, long Bytes, long? Records, string Sha256);
