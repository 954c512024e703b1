using System.Text;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// The coreutils checksum file format, <c>&lt;hex&gt;  &lt;path&gt;</c> per line (two spaces: text mode), which
/// <c>sha256sum -c SHA256SUMS</c> verifies from the package folder.
/// </summary>
public static class Sha256Sums
{
    public const string FileName = "SHA256SUMS";

    public static string Format(IEnumerable<(string Path, string Sha256)> files)
    {
        var sb = new StringBuilder();
        foreach (var (path, sha256) in files)
        {
            if (path.AsSpan().IndexOfAny("\r\n\\") >= 0)
            {
                // coreutils escapes such names with a leading backslash; package names never need it.
                throw new ArgumentException($"File name '{path}' cannot be listed in {FileName}.", nameof(files));
            }

            sb.Append(sha256).Append("  ").Append(path).Append('\n');
        }

        return sb.ToString();
    }
}
