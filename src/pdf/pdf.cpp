// The PDF module (cvtex-pdf.so): combined PDFs with libqpdf. qpdf reports problems by
// exceptions and by its logger; both are kept inside this file (the logger writes nowhere).
#define POINTERHOLDER_TRANSITION 4  // qpdf 11: no PointerHolder, std::shared_ptr only
#include "cvtex/pdf/pdf.hpp"
#include "cvtex/version.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Discard.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <map>
#include <memory>
#include <string_view>

namespace cvtex::pdf {

namespace {

// A QPDF that says nothing: warnings and errors go to a discarding pipeline.
std::unique_ptr<QPDF> quiet_qpdf() {
    auto q = std::make_unique<QPDF>();
    auto logger = QPDFLogger::create();
    auto discard = std::make_shared<Pl_Discard>();
    logger->setInfo(discard);
    logger->setWarn(discard);
    logger->setError(discard);
    q->setLogger(logger);
    q->setSuppressWarnings(true);
    return q;
}

std::unique_ptr<QPDF> read(const std::string& name, std::string_view bytes) {
    auto q = quiet_qpdf();
    q->processMemoryFile(name.c_str(), bytes.data(), bytes.size());
    return q;
}

// Pages of a part, by their object in the part's file, and what they became in the combined
// one: bookmarks of the part point at the former.
using PageMap = std::map<QPDFObjGen, QPDFObjectHandle>;

QPDFObjectHandle fit_destination(QPDFObjectHandle page) {
    return QPDFObjectHandle::newArray({page, QPDFObjectHandle::newName("/Fit")});
}

// Outline items, linked as the PDF spec wants: /Parent, /Prev, /Next, /First, /Last, /Count.
class OutlineBuilder {
  public:
    explicit OutlineBuilder(QPDF& out) : out_(out) {}

    QPDFObjectHandle item(const std::string& title, QPDFObjectHandle dest) {
        auto d = QPDFObjectHandle::newDictionary();
        d.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(title));
        if (dest.isInitialized() && !dest.isNull()) d.replaceKey("/Dest", dest);
        return out_.makeIndirectObject(d);
    }

    // Makes `kids` the children of `parent`; `open` shows them unfolded.
    static void link(QPDFObjectHandle parent, const std::vector<QPDFObjectHandle>& kids,
                     bool open) {
        if (kids.empty()) return;
        for (std::size_t i = 0; i < kids.size(); ++i) {
            auto kid = kids[i];
            kid.replaceKey("/Parent", parent);
            if (i > 0) kid.replaceKey("/Prev", kids[i - 1]);
            if (i + 1 < kids.size()) kid.replaceKey("/Next", kids[i + 1]);
        }
        parent.replaceKey("/First", kids.front());
        parent.replaceKey("/Last", kids.back());
        const auto n = static_cast<long long>(kids.size());
        parent.replaceKey("/Count", QPDFObjectHandle::newInteger(open ? n : -n));
    }

    // A copy of a part's bookmark (and its children), pointing at the copied pages.
    QPDFObjectHandle copy(QPDFOutlineObjectHelper& source, const PageMap& pages) {
        QPDFObjectHandle dest = QPDFObjectHandle::newNull();
        QPDFObjectHandle page = source.getDestPage();
        if (page.isDictionary())
            if (const auto it = pages.find(page.getObjGen()); it != pages.end())
                dest = fit_destination(it->second);
        auto copied = item(source.getTitle(), dest);
        std::vector<QPDFObjectHandle> kids;
        for (auto& kid : source.getKids()) kids.push_back(copy(kid, pages));
        link(copied, kids, false);
        return copied;
    }

  private:
    QPDF& out_;
};

QPDFObjectHandle page_label(const std::string& prefix) {
    auto d = QPDFObjectHandle::newDictionary();
    d.replaceKey("/S", QPDFObjectHandle::newName("/D"));
    if (!prefix.empty()) d.replaceKey("/P", QPDFObjectHandle::newUnicodeString(prefix));
    return d;
}

std::string write(QPDF& out) {
    QPDFWriter w(out);
    w.setOutputMemory();
    w.setDeterministicID(true);
    w.setCompressStreams(true);
    w.setObjectStreamMode(qpdf_o_generate);
    w.write();
    auto buffer = w.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace

static std::string combine_with_qpdf(const std::vector<Part>& parts, const CombineOptions& options,
                                     std::string& error) {
    try {
        // The parts first: the output refers to their objects until it is gone.
        std::vector<std::unique_ptr<QPDF>> sources;
        auto out = quiet_qpdf();
        out->emptyPDF();
        OutlineBuilder outlines(*out);
        std::vector<QPDFObjectHandle> top;
        auto labels = QPDFObjectHandle::newArray();
        int first_page = 0;
        for (const auto& part : parts) {
            sources.push_back(read(part.title, part.bytes));
            QPDF& source = *sources.back();
            PageMap pages;
            QPDFObjectHandle first = QPDFObjectHandle::newNull();
            for (auto page : source.getAllPages()) {
                out->addPage(page, false);
                auto copied = out->getAllPages().back();
                pages[page.getObjGen()] = copied;
                if (first.isNull()) first = copied;
            }
            auto bookmark = outlines.item(
                part.title, first.isNull() ? QPDFObjectHandle::newNull() : fit_destination(first));
            std::vector<QPDFObjectHandle> kids;
            QPDFOutlineDocumentHelper source_outlines(source);
            for (auto& o : source_outlines.getTopLevelOutlines())
                kids.push_back(outlines.copy(o, pages));
            OutlineBuilder::link(bookmark, kids, false);
            top.push_back(bookmark);
            if (options.labels_per_part) {
                labels.appendItem(QPDFObjectHandle::newInteger(first_page));
                labels.appendItem(page_label(part.title + " "));
            }
            first_page += static_cast<int>(pages.size());
        }
        auto root = out->getRoot();
        auto outline_root = out->makeIndirectObject(QPDFObjectHandle::newDictionary());
        outline_root.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
        OutlineBuilder::link(outline_root, top, true);
        root.replaceKey("/Outlines", outline_root);
        root.replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
        if (options.labels_per_part) {
            auto tree = QPDFObjectHandle::newDictionary();
            tree.replaceKey("/Nums", labels);
            root.replaceKey("/PageLabels", tree);
        }
        auto info = out->makeIndirectObject(QPDFObjectHandle::newDictionary());
        info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(options.title));
        info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(options.author));
        info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString("cvtex"));
        out->getTrailer().replaceKey("/Info", info);
        return write(*out);
    } catch (const std::exception& e) {
        error = e.what();
        return {};
    }
}

}  // namespace cvtex::pdf

extern "C" __attribute__((visibility("default"))) cvtex::pdf::CombineFunction cvtex_pdf_module_v1(
    const char* build) {
    if (!build || std::string_view(build) != cvtex::pdf_module_build) return nullptr;
    return &cvtex::pdf::combine_with_qpdf;
}
