using Jericommerce.Streams.Worker;
using Jericommerce.Streams.Observability.Hosting;

return ServiceRunner.Run("jcs-worker", () =>
{
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.AddWorker();
    builder.Logging.QuietHostStartupFailures();
    var app = builder.Build();
    app.MapWorker();
    return app;
});

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
