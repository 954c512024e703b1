using AgentLedger.Core.Compliance;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>A finished package: how many records it holds, its total size and its files with their hashes.</summary>
public sealed record ExportPackage(long Records, long Bytes, IReadOnlyList<ExportFile> Files);
