namespace AgentLedger.Server.Features.Demo;

/// <summary>Modules, files and symbols per stack, so that prompts, tool calls and review comments agree on what they touch.</summary>
internal static class DemoStackVocabulary
{
    private static readonly (string Module, string File, string Symbol)[] Go =
    [
        ("ratelimit", "internal/ratelimit/limiter.go", "Limiter.Allow"),
        ("router", "internal/router/router.go", "NewRouter"),
        ("tenant", "internal/tenant/resolve.go", "ResolveTenant"),
        ("healthcheck", "internal/healthcheck/probe.go", "Probe.Run"),
        ("config", "internal/config/load.go", "LoadConfig"),
        ("retry", "pkg/retry/backoff.go", "WithBackoff"),
    ];

    private static readonly (string Module, string File, string Symbol)[] DotNet =
    [
        ("Ledger", "src/Acme.Ledger/LedgerWriter.cs", "LedgerWriter.PostAsync"),
        ("Refunds", "src/Acme.Refunds/RefundService.cs", "RefundService.IssueAsync"),
        ("Invoices", "src/Acme.Invoices/InvoiceRenderer.cs", "InvoiceRenderer.Render"),
        ("Webhooks", "src/Acme.Webhooks/WebhookDispatcher.cs", "WebhookDispatcher.SendAsync"),
        ("Settlement", "src/Acme.Settlement/SettlementJob.cs", "SettlementJob.RunAsync"),
        ("Identity", "src/Acme.Identity/TokenIssuer.cs", "TokenIssuer.IssueAsync"),
    ];

    private static readonly (string Module, string File, string Symbol)[] Node =
    [
        ("cart", "src/cart/CartSummary.tsx", "useCart"),
        ("checkout", "src/checkout/submitOrder.ts", "submitOrder"),
        ("pricing", "src/pricing/formatPrice.ts", "formatPrice"),
        ("components", "src/components/Button.tsx", "Button"),
        ("analytics", "src/analytics/track.ts", "trackEvent"),
        ("build", "scripts/build/bundle.ts", "createBundle"),
    ];

    private static readonly (string Module, string File, string Symbol)[] Python =
    [
        ("ingest", "pipelines/ingest/loader.py", "load_batch"),
        ("dedupe", "pipelines/dedupe/events.py", "dedupe_events"),
        ("schema", "pipelines/schema/validate.py", "validate_schema"),
        ("features", "features/build.py", "build_features"),
        ("ranking", "models/ranking/score.py", "score_candidates"),
        ("export", "pipelines/export/parquet.py", "export_parquet"),
    ];

    private static readonly (string Module, string File, string Symbol)[] Kotlin =
    [
        ("indexer", "src/main/kotlin/com/acme/indexer/IndexWriter.kt", "IndexWriter.flush"),
        ("query", "src/main/kotlin/com/acme/query/QueryParser.kt", "QueryParser.parse"),
        ("cache", "src/main/kotlin/com/acme/cache/LruCache.kt", "LruCache.get"),
        ("sync", "app/src/main/java/com/acme/sync/SyncWorker.kt", "SyncWorker.doWork"),
        ("ui", "app/src/main/java/com/acme/ui/SearchScreen.kt", "SearchScreen"),
        ("network", "shared/src/commonMain/kotlin/com/acme/net/HttpClients.kt", "HttpClients.create"),
    ];

    public static DemoTopic Topic(Random rng, DemoStack stack, string repository)
    {
        var (module, file, symbol) = rng.Pick(Entries(stack));
        return new DemoTopic(repository, module, file, symbol, TestCommand(stack, module));
    }

    private static (string Module, string File, string Symbol)[] Entries(DemoStack stack) =>
        stack switch
        {
            DemoStack.Go => Go,
            DemoStack.DotNet => DotNet,
            DemoStack.Node => Node,
            DemoStack.Python => Python,
            _ => Kotlin,
        };

    private static string TestCommand(DemoStack stack, string module) =>
        stack switch
        {
            DemoStack.Go => $"go test ./internal/{module}/...",
            DemoStack.DotNet => $"dotnet test tests/Acme.{module}.Tests",
            DemoStack.Node => $"npm test -- --run src/{module}",
            DemoStack.Python => $"pytest -q tests/{module}",
            _ => $"./gradlew :{module}:test",
        };
}
