"""Files as a hospital information system writes them, from the published layouts (QĐ 130/QĐ-BYT as amended by
QĐ 4750/QĐ-BYT, and the gateway's check-in table XML0): text templates, not An Sinh's own writer, so the tests
read what a real producer sends (a declaration, tags one per line, amounts in đồng, times yyyymmddHHMM)."""

from __future__ import annotations

import base64
from dataclasses import dataclass


@dataclass
class Patient:
    full_name: str
    cccd: str
    card_code: str
    birth: str  # yyyymmdd
    sex: int  # 1 male, 2 female
    registered: str = "42101"


def check_in(facility: str, patient: Patient, ma_lk: str, admitted: str, rows: int = 1) -> bytes:
    """XML0: one TRANG_THAI_KCB per service ordered since admission (the same MA_LK, STT 1, 2 …)."""
    items = "".join(
        f"""<TRANG_THAI_KCB>
<MA_LK>{ma_lk}</MA_LK>
<STT>{n}</STT>
<MA_BN>BN{ma_lk}</MA_BN>
<HO_TEN>{patient.full_name}</HO_TEN>
<SO_CCCD>{patient.cccd}</SO_CCCD>
<NGAY_SINH>{patient.birth}0000</NGAY_SINH>
<GIOI_TINH>{patient.sex}</GIOI_TINH>
<MA_THE_BHYT>{patient.card_code}</MA_THE_BHYT>
<MA_DKBD>{patient.registered}</MA_DKBD>
<GT_THE_TU>20250101</GT_THE_TU>
<GT_THE_DEN>20251231</GT_THE_DEN>
<MA_DOITUONG_KCB>1.1</MA_DOITUONG_KCB>
<NGAY_VAO>{admitted}</NGAY_VAO>
<NGAY_VAO_NOI_TRU></NGAY_VAO_NOI_TRU>
<LY_DO_VNT></LY_DO_VNT>
<MA_LY_DO_VNT></MA_LY_DO_VNT>
<MA_LOAI_KCB>01</MA_LOAI_KCB>
<MA_CSKCB>{facility}</MA_CSKCB>
<MA_DICH_VU>{"01.0001.1778" if n == 1 else ""}</MA_DICH_VU>
<TEN_DICH_VU>{"Khám Nội" if n == 1 else ""}</TEN_DICH_VU>
<MA_THUOC></MA_THUOC>
<TEN_THUOC></TEN_THUOC>
<MA_VAT_TU></MA_VAT_TU>
<TEN_VAT_TU></TEN_VAT_TU>
<NGAY_YL>{admitted}</NGAY_YL>
<DU_PHONG></DU_PHONG>
</TRANG_THAI_KCB>
"""
        for n in range(1, rows + 1)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<CHI_TIEU_TRANG_THAI_KCB>
<DSACH_TRANG_THAI_KCB>
{items}</DSACH_TRANG_THAI_KCB>
<CHUKYDONVI/>
</CHI_TIEU_TRANG_THAI_KCB>""".encode()


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def claims(
    facility: str, patient: Patient, ma_lk: str, admitted: str, discharged: str, quantity: int = 10, price: int = 1000
) -> bytes:
    """GIAMDINHHS with one outpatient visit: XML1 (TONG_HOP) and one drug line in XML2, 80 % paid by the fund."""
    amount = quantity * price
    fund = amount * 80 // 100
    xml1 = f"""<?xml version="1.0" encoding="utf-8"?>
<CHITIEU_TONGHOP>
<TONG_HOP>
<MA_LK>{ma_lk}</MA_LK>
<STT>1</STT>
<MA_BN>BN{ma_lk}</MA_BN>
<HO_TEN>{patient.full_name}</HO_TEN>
<SO_CCCD>{patient.cccd}</SO_CCCD>
<NGAY_SINH>{patient.birth}0000</NGAY_SINH>
<GIOI_TINH>{patient.sex}</GIOI_TINH>
<MA_QUOCTICH>000</MA_QUOCTICH>
<MA_DANTOC>01</MA_DANTOC>
<MA_NGHE_NGHIEP>00000</MA_NGHE_NGHIEP>
<DIA_CHI>Xã Thạch Hà, Hà Tĩnh</DIA_CHI>
<MATINH_CU_TRU>42</MATINH_CU_TRU>
<MAXA_CU_TRU>18145</MAXA_CU_TRU>
<MA_THE_BHYT>{patient.card_code}</MA_THE_BHYT>
<MA_DKBD>{patient.registered}</MA_DKBD>
<GT_THE_TU>20250101</GT_THE_TU>
<GT_THE_DEN>20251231</GT_THE_DEN>
<LY_DO_VV>Khám bệnh</LY_DO_VV>
<CHAN_DOAN_VAO>Tăng huyết áp</CHAN_DOAN_VAO>
<CHAN_DOAN_RV>Bệnh lý tăng huyết áp</CHAN_DOAN_RV>
<MA_BENH_CHINH>I10</MA_BENH_CHINH>
<MA_DOITUONG_KCB>1.1</MA_DOITUONG_KCB>
<NGAY_VAO>{admitted}</NGAY_VAO>
<NGAY_RA>{discharged}</NGAY_RA>
<SO_NGAY_DTRI>0</SO_NGAY_DTRI>
<KET_QUA_DTRI>1</KET_QUA_DTRI>
<MA_LOAI_RV>1</MA_LOAI_RV>
<T_THUOC>{amount}</T_THUOC>
<T_VTYT>0</T_VTYT>
<T_TONGCHI_BV>{amount}</T_TONGCHI_BV>
<T_TONGCHI_BH>{amount}</T_TONGCHI_BH>
<T_BNTT>0</T_BNTT>
<T_BNCCT>{amount - fund}</T_BNCCT>
<T_BHTT>{fund}</T_BHTT>
<T_NGUONKHAC>0</T_NGUONKHAC>
<T_BHTT_GDV>0</T_BHTT_GDV>
<NAM_QT>{admitted[:4]}</NAM_QT>
<THANG_QT>{int(admitted[4:6])}</THANG_QT>
<MA_LOAI_KCB>01</MA_LOAI_KCB>
<MA_KHOA>K01</MA_KHOA>
<MA_CSKCB>{facility}</MA_CSKCB>
<CAN_NANG>60.00</CAN_NANG>
<MA_HSBA>{ma_lk}</MA_HSBA>
</TONG_HOP>
</CHITIEU_TONGHOP>"""
    xml2 = f"""<?xml version="1.0" encoding="utf-8"?>
<CHITIEU_CHITIET_THUOC>
<DSACH_CHI_TIET_THUOC>
<CHI_TIET_THUOC>
<MA_LK>{ma_lk}</MA_LK>
<STT>1</STT>
<MA_THUOC>40.0004</MA_THUOC>
<MA_NHOM>4</MA_NHOM>
<TEN_THUOC>Paracetamol 500mg</TEN_THUOC>
<DON_VI_TINH>viên</DON_VI_TINH>
<HAM_LUONG>500mg</HAM_LUONG>
<DUONG_DUNG>1.01</DUONG_DUNG>
<LIEU_DUNG>1 viên/lần * 2 lần/ngày</LIEU_DUNG>
<TT_THAU>1572/QĐ-SYT;G1;N4;2024</TT_THAU>
<PHAM_VI>1</PHAM_VI>
<TYLE_TT_BH>100</TYLE_TT_BH>
<SO_LUONG>{quantity}</SO_LUONG>
<DON_GIA>{price}</DON_GIA>
<THANH_TIEN_BV>{amount}</THANH_TIEN_BV>
<THANH_TIEN_BH>{amount}</THANH_TIEN_BH>
<T_NGUONKHAC_NSNN>0</T_NGUONKHAC_NSNN>
<T_NGUONKHAC_VTNN>0</T_NGUONKHAC_VTNN>
<T_NGUONKHAC_VTTN>0</T_NGUONKHAC_VTTN>
<T_NGUONKHAC_CL>0</T_NGUONKHAC_CL>
<T_NGUONKHAC>0</T_NGUONKHAC>
<MUC_HUONG>80</MUC_HUONG>
<T_BNTT>0</T_BNTT>
<T_BNCCT>{amount - fund}</T_BNCCT>
<T_BHTT>{fund}</T_BHTT>
<MA_KHOA>K01</MA_KHOA>
<MA_BAC_SI>001234/HT-CCHN</MA_BAC_SI>
<NGAY_YL>{admitted}</NGAY_YL>
<MA_PTTT>1</MA_PTTT>
<NGUON_CTRA>1</NGUON_CTRA>
</CHI_TIET_THUOC>
</DSACH_CHI_TIET_THUOC>
</CHITIEU_CHITIET_THUOC>"""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<GIAMDINHHS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
<THONGTINDONVI>
<MACSKCB>{facility}</MACSKCB>
</THONGTINDONVI>
<THONGTINHOSO>
<NGAYLAP>{discharged[:8]}</NGAYLAP>
<SOLUONGHOSO>1</SOLUONGHOSO>
<DANHSACHHOSO>
<HOSO>
<FILEHOSO>
<LOAIHOSO>XML1</LOAIHOSO>
<NOIDUNGFILE>{_b64(xml1)}</NOIDUNGFILE>
</FILEHOSO>
<FILEHOSO>
<LOAIHOSO>XML2</LOAIHOSO>
<NOIDUNGFILE>{_b64(xml2)}</NOIDUNGFILE>
</FILEHOSO>
</HOSO>
</DANHSACHHOSO>
</THONGTINHOSO>
<CHUKYDONVI/>
</GIAMDINHHS>""".encode()
