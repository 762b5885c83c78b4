using Jericommerce.Streams.Ingress;
using Jericommerce.Streams.Observability.Hosting;

return ServiceRunner.Run("jcs-ingress", () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddIngress();
    builder.Logging.QuietHostStartupFailures();
    var app = builder.Build();
    app.MapIngress();
    return app;
});

/// <summary>The entry point; public so that tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
