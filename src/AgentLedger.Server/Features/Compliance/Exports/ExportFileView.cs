namespace AgentLedger.Server.Features.Compliance.Exports;

public sealed record ExportFileView(string Name, long Bytes, long? Records, string Sha256, string Url);
