#include "support/process.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <future>

namespace pupitre::test {
namespace {

// Windows programs write their text output with CR LF line ends (text-mode streams); the
// tests compare it with the same text as on Linux.
std::string withUnixLineEnds(std::string text)
{
#ifdef _WIN32
  std::string lines;
  lines.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      lines += text[i];
    }
  }
  return lines;
#else
  return text;
#endif
}

} // namespace

std::vector<std::string> launchArgs(const std::vector<std::string>& args)
{
#ifdef _WIN32
  std::vector<std::string> quoted(args);
  for (auto& arg : quoted) {
    if (arg.empty()) {
      arg = "\"\"";
    }
  }
  return quoted;
#else
  return args;
#endif
}

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input, const std::map<std::string, std::string>& env)
{
  Poco::Pipe inPipe;
  Poco::Pipe outPipe;
  Poco::Pipe errPipe;
  Poco::Process::Env environment(env.begin(), env.end());
  Poco::ProcessHandle handle = Poco::Process::launch(program, launchArgs(args), ".", &inPipe,
                                                     &outPipe, &errPipe, environment);
  // Read both outputs while writing the input, so that no pipe fills up and blocks.
  auto readAll = [](Poco::Pipe& pipe) {
    Poco::PipeInputStream stream(pipe);
    std::string text;
    Poco::StreamCopier::copyToString(stream, text);
    return text;
  };
  auto out = std::async(std::launch::async, readAll, std::ref(outPipe));
  auto err = std::async(std::launch::async, readAll, std::ref(errPipe));
  {
    Poco::PipeOutputStream stream(inPipe);
    stream << input;
    stream.close();
  }
  ProcessResult result;
  result.exitCode = handle.wait();
  result.out = withUnixLineEnds(out.get());
  result.err = withUnixLineEnds(err.get());
  return result;
}

std::string firstLine(const std::string& text)
{
  return text.substr(0, text.find('\n'));
}

} // namespace pupitre::test
