// The shared kernel (Features/Shared) is what every feature may use; features depend on it, never the reverse.
global using Certify.Web.Features.Shared;
