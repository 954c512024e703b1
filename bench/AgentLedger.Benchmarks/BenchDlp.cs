using AgentLedger.Core.Dlp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentLedger.Benchmarks;

/// <summary>The DLP filter as the server builds it from the default <c>Dlp</c> section (with a random hash key), or switched off.</summary>
internal static class BenchDlp
{
    public static DlpIngestFilter Filter(bool enabled) =>
        new(new DlpPolicy(Options.Create(new DlpOptions { Enabled = enabled })),
            new DlpHasherSource(new DlpHasher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(DlpHasher.GeneratedKeyBytes))),
            NullLogger<DlpIngestFilter>.Instance);
}
