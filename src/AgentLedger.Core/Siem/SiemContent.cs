using System.Security.Cryptography;
using System.Text;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Siem;

/// <summary>Applies a destination's <see cref="SiemContentLevel"/> to a record before it is formatted.</summary>
public static class SiemContent
{
    public const string HashPrefix = "sha256:";

    public static ActivityRecord Apply(ActivityRecord record, SiemContentLevel level) => level switch
    {
        SiemContentLevel.Full => record,
        SiemContentLevel.Hashed => record with
        {
            PromptText = Hash(record.PromptText),
            ResponseText = Hash(record.ResponseText),
            ToolInput = Hash(record.ToolInput),
            ToolOutput = Hash(record.ToolOutput),
        },
        _ => record with { PromptText = null, ResponseText = null, ToolInput = null, ToolOutput = null },
    };

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the UTF-8 bytes; null stays null.</summary>
    public static string? Hash(string? text) =>
        text is null ? null : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
