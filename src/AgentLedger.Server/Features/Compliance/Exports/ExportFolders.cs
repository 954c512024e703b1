using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>Where each package lives: <c>{Path}/{workspace_id}/{export_id}/</c>, built in a <c>.partial</c> sibling first.</summary>
public sealed class ExportFolders(IOptions<ComplianceExportOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.Path);

    /// <summary>The folder of a finished package. Ids reach here only after <see cref="IsExportId"/>, so they cannot climb out.</summary>
    public string PackageOf(string workspaceId, string exportId) => Path.Combine(Root, workspaceId, exportId);

    public string PartialOf(string workspaceId, string exportId) => Path.Combine(Root, workspaceId, exportId + ".partial");

    /// <summary>Export ids are the 32 lower-case hex digits AgentLedger gives them.</summary>
    public static bool IsExportId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
