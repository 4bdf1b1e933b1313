#include "support/process.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <future>

namespace pupitre::test {

ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input, const std::map<std::string, std::string>& env)
{
  Poco::Pipe inPipe;
  Poco::Pipe outPipe;
  Poco::Pipe errPipe;
  Poco::Process::Env environment(env.begin(), env.end());
  Poco::ProcessHandle handle =
      Poco::Process::launch(program, args, ".", &inPipe, &outPipe, &errPipe, environment);
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
  result.out = out.get();
  result.err = err.get();
  return result;
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

} // namespace pupitre::test
