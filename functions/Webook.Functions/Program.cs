using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Webook.Core;
using Webook.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExposeTokenHeadersMiddleware>();
builder.Services.AddWebookCore(builder.Configuration);
builder.Build().Run();
