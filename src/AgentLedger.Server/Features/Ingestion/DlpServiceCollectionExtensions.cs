using AgentLedger.Core.Dlp;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Ingestion;

public static class DlpServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Dlp</c> section at start and registers the filter that
    /// <see cref="AgentLedger.Core.Ingestion.IngestBatchWriter"/> applies to every record of every ingest path.
    /// </summary>
    public static IServiceCollection AddAgentLedgerDlp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DlpOptions>().Bind(configuration.GetSection(DlpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DlpOptions>, DlpOptionsValidator>();
        services.AddSingleton<DlpPolicy>();
        services.AddSingleton<DlpHasherSource>();
        services.AddSingleton<DlpIngestFilter>();
        return services;
    }
}
