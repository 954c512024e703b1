using System.Net;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>
/// Hosts the OTLP receivers: the HTTP endpoints on the main port, and the gRPC services on a port of their own
/// (4317 by default) that speaks HTTP/2 without TLS ("prior knowledge"), as OTLP/gRPC exporters do.
/// </summary>
public static class OtlpGrpcHosting
{
    public static void AddOtlpIngestion(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OtlpGrpcOptions>().Bind(builder.Configuration.GetSection(OtlpGrpcOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AgentLedger.Otlp.Mapping.OtlpRecordMapper>();
        services.AddSingleton<OtlpIngestor>();
        services.AddSingleton<OtlpHttpReceiver>();
        services.AddSingleton<OtlpGrpcReceiver>();
        services.AddGrpc();
        // The gRPC message cap is the decompressed-body cap of every other ingest path.
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<IngestOptions>>((grpc, ingest) =>
            grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, ingest.Value.MaxDecompressedBytes));

        var grpcOptions = builder.Configuration.GetSection(OtlpGrpcOptions.SectionName).Get<OtlpGrpcOptions>() ?? new OtlpGrpcOptions();
        if (grpcOptions.Enabled)
        {
            ListenWithGrpcPort(builder, grpcOptions);
        }
    }

    public static void MapOtlpIngestion(this WebApplication app)
    {
        app.MapOtlpHttp();
        app.MapGrpcService<LogsGrpcService>().ChecksScopeInHandler(ApiKeyScope.Ingest);
        app.MapGrpcService<MetricsGrpcService>().ChecksScopeInHandler(ApiKeyScope.Ingest);
        app.MapGrpcService<TraceGrpcService>().ChecksScopeInHandler(ApiKeyScope.Ingest);
    }

    /// <summary>
    /// Kestrel binds either the configured URLs or endpoints set in code, never both; so once the gRPC port is
    /// added in code, the URLs (<c>Urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>) are bound here too, first,
    /// so that the main address stays the first one reported. (Kestrel still logs that it "overrides" the URLs:
    /// it binds exactly them, plus the gRPC port.)
    /// </summary>
    private static void ListenWithGrpcPort(WebApplicationBuilder builder, OtlpGrpcOptions options)
    {
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : "http://localhost:5000";
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var address = BindingAddress.Parse(url);
                Action<ListenOptions> configure = address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? listen => listen.UseHttps() : _ => { };
                if (address.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                {
                    kestrel.ListenLocalhost(address.Port, configure);
                }
                else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
                {
                    kestrel.Listen(ip, address.Port, configure);
                }
                else
                {
                    kestrel.ListenAnyIP(address.Port, configure);
                }
            }

            if (!IPAddress.TryParse(options.Address, out var grpcAddress))
            {
                throw new OptionsValidationException(OtlpGrpcOptions.SectionName, typeof(OtlpGrpcOptions),
                    [$"{OtlpGrpcOptions.SectionName}:Address '{options.Address}' is not an IP address."]);
            }

            kestrel.Listen(grpcAddress, options.Port, listen => listen.Protocols = HttpProtocols.Http2);
        });
    }
}
